"""Sending one email by SMTP: STARTTLS, implicit TLS or plain, with a login."""

import smtplib
import ssl
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formataddr

from dashboard.delivery.emails import Email
from dashboard.kernel.mail_config import SmtpSettings

# Subjects stay on one line: the standard folding splits them oddly after a
# leading "[INC-…]", leaving some readers with a leading space.
POLICY = SMTP.clone(max_line_length=998)


class SendFailed(Exception):
    """The mail server refused the message or could not be reached."""

    def __init__(self, reason: str, *, code: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code


def message(
    settings: SmtpSettings,
    email: Email,
    *,
    to: str,
    name: str,
    message_id: str,
) -> EmailMessage:
    """A plain-text message with the notification's stable Message-ID."""
    built = EmailMessage(policy=POLICY)
    built["Subject"] = _one_line(email.subject)
    built["From"] = settings.sender
    built["To"] = formataddr((_one_line(name), _one_line(to)))
    built["Message-ID"] = message_id
    built["Auto-Submitted"] = "auto-generated"
    if email.urgent:
        # An on-call page: every mail client's own way of saying so.
        built["Importance"] = "high"
        built["X-Priority"] = "1"
        built["Priority"] = "urgent"
    built.set_content(email.body)
    return built


def _one_line(text: str) -> str:
    # A line break in a header would end it: user text never writes headers.
    return " ".join(text.split())


def send(settings: SmtpSettings, mail: EmailMessage) -> None:
    """Hand the message to the server (raises SendFailed when it is not taken)."""
    try:
        with _connect(settings) as server:
            if settings.user:
                server.login(settings.user, settings.password)
            server.send_message(mail)
    except smtplib.SMTPRecipientsRefused as error:
        codes = [code for code, _ in error.recipients.values()]
        raise SendFailed(
            f"recipient refused: {error.recipients}", code=min(codes)
        ) from error
    except smtplib.SMTPResponseException as error:
        said = error.smtp_error
        text = said.decode(errors="replace") if isinstance(said, bytes) else said
        raise SendFailed(f"{error.smtp_code} {text}", code=error.smtp_code) from error
    except (smtplib.SMTPException, OSError) as error:
        raise SendFailed(f"{type(error).__name__}: {error}") from error


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    context = ssl.create_default_context()
    if settings.security == "tls":
        return smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=settings.timeout, context=context
        )
    server = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    if settings.security == "starttls":
        try:
            server.starttls(context=context)
        except BaseException:
            server.close()
            raise
    return server
