from dashboard.delivery.delivery_smtp import message
from dashboard.delivery.emails import Email
from dashboard.kernel.mail_config import SmtpSettings

SETTINGS = SmtpSettings("mail.test", 25, "none", "", "", "Desk <desk@desk.test>")


def test_a_message_carries_the_notifications_message_id_and_plain_text() -> None:
    mail = message(
        SETTINGS,
        Email("[INC-000001] Resolved: Reads", "Body"),
        to="ann@example.org",
        name="Ann Lee",
        message_id="<abc@mdmr-servicedesk>",
    )
    assert mail["Message-ID"] == "<abc@mdmr-servicedesk>"
    assert mail["To"] == "Ann Lee <ann@example.org>"
    assert mail.get_content_type() == "text/plain"


def test_a_line_break_in_user_text_cannot_add_a_header() -> None:
    mail = message(
        SETTINGS,
        Email("[INC-000001] Title\r\nBcc: victim@example.org", "Body"),
        to="ann@example.org",
        name="Ann\nBcc: other@example.org",
        message_id="<abc@mdmr-servicedesk>",
    )
    assert mail["Bcc"] is None
    assert "\n" not in mail["Subject"]
    assert b"\nBcc:" not in mail.as_bytes()
