"""Company records in the documented shape of PRH's YTJ open data API v3, written for the tests."""

import io
import json
import zipfile


def company(business_id, name, *, website="", end_date=None, situation=None, form="16"):
    record = {
        "businessId": {"value": business_id, "registrationDate": "1978-03-15", "source": "3"},
        "euId": {"value": f"FIFPRO.{business_id}", "source": "1"},
        "names": [
            {"name": name, "type": "1", "registrationDate": "2000-01-01", "endDate": None, "version": 1},
            {"name": "Vanha Nimi Oy", "type": "1", "registrationDate": "1978-03-15", "endDate": "1999-12-31"},
        ],
        "mainBusinessLine": {
            "type": "62010",
            "descriptions": [
                {"languageCode": "1", "description": "Ohjelmistojen suunnittelu ja valmistus"},
                {"languageCode": "2", "description": "Programvarudesign och -tillverkning"},
                {"languageCode": "3", "description": "Software design and development"},
            ],
            "typeCodeSet": "TOIMI4",
            "registrationDate": "2008-01-01",
        },
        "companyForms": [
            {
                "type": form,
                "descriptions": [
                    {"languageCode": "1", "description": "Osakeyhtiö"},
                    {"languageCode": "2", "description": "Aktiebolag"},
                    {"languageCode": "3", "description": "Limited company"},
                ],
                "registrationDate": "1978-03-15",
                "endDate": None,
            }
        ],
        "companySituations": (
            [{"type": situation, "registrationDate": "2025-01-01", "endDate": None}] if situation else []
        ),
        "registeredEntries": [],
        "addresses": [
            {
                "type": 2,
                "street": "",
                "postOfficeBox": "226",
                "postCode": "00101",
                "postOffices": [{"city": "HELSINKI", "languageCode": "1"}],
            },
            {
                "type": 1,
                "street": "Karakaari",
                "buildingNumber": "7",
                "entrance": "",
                "apartmentNumber": "",
                "postCode": "02610",
                "postOffices": [{"city": "ESPOO", "languageCode": "1"}, {"city": "ESBO", "languageCode": "2"}],
            },
        ],
        "tradeRegisterStatus": "1",
        "status": "2",
        "registrationDate": "1978-03-15",
        "endDate": end_date,
        "lastModified": "2026-05-01T10:00:00",
    }
    if website:
        record["website"] = {"url": website, "registrationDate": "2010-01-01", "source": "0"}
    return record


NOKIA = company("0112038-9", "Nokia Oyj", website="www.nokia.com", form="17")
CEASED = company("1618033-3", "Lakannut Oy", end_date="2020-06-30")
LIQUIDATION = company("0201256-6", "Selvitystila Oy", situation="SELTILA")


def bulk_zip(records, *, name="all_companies.json") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, json.dumps(records, ensure_ascii=False, indent=1))
    return buffer.getvalue()
