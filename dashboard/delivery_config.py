"""SMTP settings, from SERVICEDESK_SMTP_* variables or Streamlit's secrets file."""

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dashboard.domain.errors import InvalidInput

SECURITY = ("starttls", "tls", "none")
DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}
DEFAULT_SENDER = "MDM/R Service Desk <servicedesk@localhost>"
DEFAULT_BASE_URL = "http://localhost:8501"
# The files Streamlit reads st.secrets from (the project's overrides the user's).
SECRETS_FILES = (
    Path.home() / ".streamlit" / "secrets.toml",
    Path(".streamlit") / "secrets.toml",
)


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


def _secrets() -> dict[str, Any]:
    found: dict[str, Any] = {}
    for path in SECRETS_FILES:
        if path.is_file():
            with path.open("rb") as handle:
                table = tomllib.load(handle).get("smtp", {})
            if isinstance(table, dict):
                found.update(table)
    return found


def _value(env: Mapping[str, str], secret: Mapping[str, Any], name: str) -> str:
    given = env.get(f"SERVICEDESK_SMTP_{name.upper()}") or secret.get(name)
    return "" if given is None else str(given)


def smtp_configured(env: Mapping[str, str] | None = None) -> bool:
    """Whether email delivery is set up (an SMTP host is named)."""
    return bool(_value(os.environ if env is None else env, _secrets(), "host"))


def smtp_settings(env: Mapping[str, str] | None = None) -> SmtpSettings | None:
    """The SMTP settings, or None when no host is configured."""
    env = os.environ if env is None else env
    secret = _secrets()

    def value(name: str, default: str = "") -> str:
        return _value(env, secret, name) or default

    host = value("host")
    if not host:
        return None
    security = value("security", "starttls").lower()
    if security not in SECURITY:
        raise InvalidInput(
            f"SERVICEDESK_SMTP_SECURITY must be one of {', '.join(SECURITY)}, "
            f"not {security!r}."
        )
    port = value("port", str(DEFAULT_PORTS[security]))
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise InvalidInput(
            f"SERVICEDESK_SMTP_PORT must be a port number, not {port!r}."
        )
    return SmtpSettings(
        host=host,
        port=int(port),
        security=security,
        user=value("user"),
        password=value("password"),
        sender=value("from", DEFAULT_SENDER),
    )


def base_url(env: Mapping[str, str] | None = None) -> str:
    """The desk's address for links in email (SERVICEDESK_BASE_URL)."""
    env = os.environ if env is None else env
    return env.get("SERVICEDESK_BASE_URL", DEFAULT_BASE_URL).rstrip("/")


def link(path: str) -> str:
    """An address on the desk, e.g. link('ticket?key=INC-000001')."""
    return f"{base_url()}/{path}"
