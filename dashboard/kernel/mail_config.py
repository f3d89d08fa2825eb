"""SMTP settings and the desk's address for links, from the desk's settings."""

from collections.abc import Mapping
from dataclasses import dataclass

from dashboard.kernel import settings
from dashboard.kernel.i18n import _
from dashboard.kernel.rules.errors import InvalidInput

SECURITY = ("starttls", "tls", "none")
DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send email."""

    host: str
    port: int
    security: str
    user: str
    password: str
    sender: str
    timeout: float = 30.0


def _settings(env: Mapping[str, str] | None) -> settings.Settings:
    return settings.current() if env is None else settings.read(env)


def smtp_configured(env: Mapping[str, str] | None = None) -> bool:
    """Whether email delivery is set up (an SMTP host is named)."""
    return bool(_settings(env).smtp_host)


def smtp_settings(env: Mapping[str, str] | None = None) -> SmtpSettings | None:
    """The SMTP settings, or None when no host is configured."""
    given = _settings(env)
    if not given.smtp_host:
        return None
    security = (given.smtp_security or "starttls").lower()
    if security not in SECURITY:
        raise InvalidInput(
            _(
                "SERVICEDESK_SMTP_SECURITY must be one of {choices}, not {given}."
            ).format(choices=", ".join(SECURITY), given=repr(security))
        )
    port = given.smtp_port or str(DEFAULT_PORTS[security])
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise InvalidInput(
            _("SERVICEDESK_SMTP_PORT must be a port number, not {given}.").format(
                given=repr(port)
            )
        )
    return SmtpSettings(
        host=given.smtp_host,
        port=int(port),
        security=security,
        user=given.smtp_user,
        password=given.smtp_password,
        sender=given.smtp_from or settings.DEFAULT_SENDER,
    )


def base_url(env: Mapping[str, str] | None = None) -> str:
    """The desk's address for links in email (SERVICEDESK_BASE_URL)."""
    return _settings(env).base_url


def link(path: str) -> str:
    """An address on the desk, e.g. link('ticket?key=INC-000001')."""
    return f"{base_url()}/{path}"
