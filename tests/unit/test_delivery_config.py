from pathlib import Path

import pytest

from dashboard.kernel import mail_config, settings
from dashboard.kernel.rules.errors import InvalidInput


@pytest.fixture
def secrets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "secrets.toml"
    monkeypatch.setattr(settings, "SECRETS_FILES", (path,))
    return path


def test_without_a_host_email_is_off(secrets: Path) -> None:
    assert mail_config.smtp_settings({}) is None
    assert not mail_config.smtp_configured({})


def test_settings_come_from_the_environment_with_defaults(secrets: Path) -> None:
    settings = mail_config.smtp_settings({"SERVICEDESK_SMTP_HOST": "mail.test"})
    assert settings is not None
    assert (settings.host, settings.port, settings.security) == (
        "mail.test",
        587,
        "starttls",
    )


def test_streamlit_secrets_fill_in_what_the_environment_leaves_out(
    secrets: Path,
) -> None:
    secrets.write_text(
        '[smtp]\nhost = "smtp.secret"\nport = 465\nsecurity = "tls"\n'
        'user = "desk"\npassword = "s3cret"\n'
    )
    settings = mail_config.smtp_settings({"SERVICEDESK_SMTP_USER": "env-user"})
    assert settings is not None
    assert (settings.host, settings.port, settings.security, settings.user) == (
        "smtp.secret",
        465,
        "tls",
        "env-user",
    )
    assert settings.password == "s3cret"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("SECURITY", "ssl3", "SERVICEDESK_SMTP_SECURITY must be one of"),
        ("PORT", "25x", "SERVICEDESK_SMTP_PORT must be a port number"),
        ("PORT", "70000", "SERVICEDESK_SMTP_PORT must be a port number"),
    ],
)
def test_a_wrong_setting_is_named(
    *, secrets: Path, name: str, value: str, message: str
) -> None:
    env = {"SERVICEDESK_SMTP_HOST": "mail.test", f"SERVICEDESK_SMTP_{name}": value}
    with pytest.raises(InvalidInput, match=message):
        mail_config.smtp_settings(env)
