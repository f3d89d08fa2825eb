from tests.factories import World


def _primary(at):
    return next(s for s in at.selectbox if s.label.startswith("Primary, week of"))


def test_an_sme_manager_sees_eight_weeks_to_set(app) -> None:
    at = app("sme.manager1", page="oncall")
    assert not at.exception
    assert at.title[0].value == "On-call rota"
    assert sum(s.label.startswith("Primary, week of") for s in at.selectbox) == 8


def test_a_manager_puts_a_cim_on_call_this_week_and_the_page_says_so(
    app, world: World
) -> None:
    at = app("sme.manager1", page="oncall")
    _primary(at).set_value(world.users["sme.cim1"])
    next(b for b in at.button if b.label.startswith("Save week of")).click().run()
    assert not at.exception
    assert "saved" in at.success[0].value
    assert "On call now: primary Sme Cim1, secondary nobody." in [
        c.value for c in at.caption
    ]


def test_a_cim_reads_the_rota_without_selects(app) -> None:
    at = app("sme.cim1", page="oncall")
    assert not at.exception
    assert not [s for s in at.selectbox if s.label.startswith("Primary")]
    assert at.table


def test_the_rota_is_not_offered_to_ldc_users(app) -> None:
    at = app("alpha.user1", page="oncall")
    assert at.title[0].value != "On-call rota"
