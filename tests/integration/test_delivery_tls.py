"""Sending through a mail server that wants STARTTLS and a login, or implicit TLS.

The server is a real aiosmtpd server on a loopback port with a certificate from a
test authority (trustme); the desk trusts that authority the way it would trust a
company's own, through SSL_CERT_FILE.
"""

import ssl
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from dashboard.delivery.delivery_smtp import SendFailed, send
from dashboard.kernel.mail_config import SmtpSettings
from tests.delivery_fixtures import Mailbox, free_port

USER, PASSWORD = "desk", "Mail-Secret-7"
# aiosmtpd warns that AUTH is allowed without STARTTLS: with implicit TLS the whole
# connection is encrypted before anything is said.
pytestmark = pytest.mark.filterwarnings(
    "ignore:Requiring AUTH while not requiring TLS:UserWarning"
)


@pytest.fixture
def authority() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def trusted(
    authority: trustme.CA, tmp_path: Path, *, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))


def _login(  # noqa: PLR0917 - aiosmtpd calls its authenticator so
    server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
) -> AuthResult:
    ok = auth_data.login == USER.encode() and auth_data.password == PASSWORD.encode()
    # handled=False: aiosmtpd answers a refusal with its 535 itself.
    return AuthResult(success=ok, handled=False)


def _server(authority: trustme.CA, *, implicit: bool) -> Iterator[tuple[int, Mailbox]]:
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1", "localhost").configure_cert(tls)
    mailbox, port = Mailbox(), free_port()
    options: dict[str, Any] = (
        # The whole connection is TLS: aiosmtpd need not wait for STARTTLS.
        {"ssl_context": tls, "auth_require_tls": False}
        if implicit
        else {"tls_context": tls, "require_starttls": True}
    )
    controller = Controller(
        mailbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=_login,
        auth_required=True,
        **options,
    )
    controller.start()
    try:
        yield port, mailbox
    finally:
        controller.stop()


@pytest.fixture
def starttls_server(authority: trustme.CA) -> Iterator[tuple[int, Mailbox]]:
    yield from _server(authority, implicit=False)


@pytest.fixture
def tls_server(authority: trustme.CA) -> Iterator[tuple[int, Mailbox]]:
    yield from _server(authority, implicit=True)


def _settings(port: int, security: str, *, password: str = PASSWORD) -> SmtpSettings:
    return SmtpSettings(
        host="127.0.0.1",
        port=port,
        security=security,
        user=USER,
        password=password,
        sender="MDM/R Service Desk <desk@desk.test>",
        timeout=5,
    )


def _mail() -> EmailMessage:
    mail = EmailMessage()
    mail["Subject"] = "[INC-000001] New severity 2 incident: BQ responses missing"
    mail["From"] = "desk@desk.test"
    mail["To"] = "cim@sme.test"
    mail["Message-ID"] = "<tls-test@mdmr-servicedesk>"
    mail.set_content("Open: http://desk.test/ticket?key=INC-000001")
    return mail


def test_starttls_with_a_login_delivers(
    trusted: None, starttls_server: tuple[int, Mailbox]
) -> None:
    port, mailbox = starttls_server
    send(_settings(port, "starttls"), _mail())
    [(recipients, mail)] = mailbox.messages
    assert recipients == ["cim@sme.test"]
    assert mail["Message-ID"] == "<tls-test@mdmr-servicedesk>"


def test_implicit_tls_with_a_login_delivers(
    trusted: None, tls_server: tuple[int, Mailbox]
) -> None:
    port, mailbox = tls_server
    send(_settings(port, "tls"), _mail())
    assert [m["Subject"] for _, m in mailbox.messages] == [_mail()["Subject"]]


def test_a_wrong_password_is_a_refusal_with_its_code(
    trusted: None, starttls_server: tuple[int, Mailbox]
) -> None:
    port, mailbox = starttls_server
    with pytest.raises(SendFailed) as failure:
        send(_settings(port, "starttls", password="wrong"), _mail())
    assert failure.value.code == 535
    assert mailbox.messages == []


def test_a_server_whose_certificate_is_not_trusted_gets_nothing(
    starttls_server: tuple[int, Mailbox],
) -> None:
    port, mailbox = starttls_server
    with pytest.raises(SendFailed, match="CERTIFICATE_VERIFY_FAILED"):
        send(_settings(port, "starttls"), _mail())
    assert mailbox.messages == []


def test_without_starttls_the_server_refuses_the_login(
    trusted: None, starttls_server: tuple[int, Mailbox]
) -> None:
    port, mailbox = starttls_server
    with pytest.raises(SendFailed):
        send(_settings(port, "none"), _mail())
    assert mailbox.messages == []
