"""A finished pilot and its signed references, for the tests of this app and the cross-cutting ones."""

from datetime import date

from haastemoottori.pilots import services as pilot_services
from haastemoottori.references import services


def finish(pilot, actor):
    return pilot_services.pilot_finish(
        actor=actor,
        pilot=pilot,
        results={"fi": "Päästöt laskivat viidenneksen."},
        lessons={},
        scale_up="procure",
        scale_up_reasons="Tulokset hyviä.",
        ended_on=date(2026, 6, 30),
    )


def issue_all(pilot, actor, language="fi"):
    from haastemoottori.references.selectors import issuable_organisations

    return services.reference_issue(
        actor=actor,
        pilot=pilot,
        organisations=issuable_organisations(pilot),
        statement="Yritys toimi erinomaisesti.",
        signer_role="Älykaupunkiyksikön päällikkö",
        language=language,
    )
