"""Turns the signed-in actor into what the store lets them read."""

from dashboard.kernel.rules.authorization import Action, Actor, may
from data_access.visibility import Viewer


def viewer_for(actor: Actor) -> Viewer:
    """The store's view of an actor, decided by the authorization rules."""
    return Viewer(
        user_id=actor.user_id,
        org_id=actor.org_id,
        all_organizations=may(actor, Action.SEE_ALL_TICKETS),
        internal_notes=may(actor, Action.SEE_INTERNAL_NOTES),
    )
