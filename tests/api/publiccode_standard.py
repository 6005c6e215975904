"""The publiccode.yml standard's rules, as a validator independent of the export code.

Transcribed from the standard's documentation (publiccode.yml 0.4 and later: "schema.core"
and "categories-list"): the keys it marks mandatory, their types and allowed values.
"""

import re

from license_expression import get_spdx_licensing

CATEGORIES = {
    "accounting", "agile-project-management", "applicant-tracking", "application-development",
    "appointment-scheduling", "backup", "billing-and-invoicing", "blog", "budgeting",
    "business-intelligence", "business-process-management", "cad", "call-center-management",
    "cloud-management", "collaboration", "communications", "compliance-management",
    "contact-management", "content-management", "crm", "customer-service-and-support", "data-analytics",
    "data-collection", "data-visualization", "design", "design-system", "digital-asset-management",
    "digital-citizenship", "document-management", "donor-management", "e-commerce", "e-signature",
    "educational-content", "email-management", "email-marketing", "employee-management",
    "enterprise-project-management", "enterprise-social-networking", "erp", "event-management",
    "facility-management", "feedback-and-reviews-management", "financial-reporting", "fleet-management",
    "fundraising", "gamification", "geographic-information-systems", "grant-management",
    "graphic-design", "help-desk", "hr", "ide", "identity-management", "instant-messaging",
    "integrated-library-system", "inventory-management", "it-asset-management", "it-development",
    "it-management", "it-security", "it-service-management", "knowledge-management",
    "learning-management-system", "marketing", "mind-mapping", "mobile-marketing", "mobile-payment",
    "network-management", "office", "online-booking", "online-community", "payment-gateway", "payroll",
    "predictive-analysis", "procurement", "productivity-suite", "project-collaboration",
    "project-management", "property-management", "real-estate-management", "regulations-and-directives",
    "remote-support", "resource-management", "sales-management", "seo", "service-desk",
    "social-media-management", "survey", "talent-management", "task-management", "taxes-management",
    "test-management", "time-management", "time-tracking", "translation", "video-conferencing",
    "video-editing", "visitor-management", "voip", "warehouse-management", "web-collaboration",
    "web-conferencing", "website-builder", "whistleblowing", "workflow-management", "other",
}  # fmt: skip
PLATFORMS = {"web", "windows", "mac", "linux", "ios", "android"}
DEVELOPMENT_STATUS = {"concept", "development", "beta", "stable", "obsolete"}
SOFTWARE_TYPES = {
    "standalone/mobile", "standalone/iot", "standalone/desktop", "standalone/web", "standalone/backend",
    "standalone/other", "addon", "library", "configurationFiles",
}  # fmt: skip
MAINTENANCE_TYPES = {"internal", "contract", "community", "none"}
BCP47 = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
URL = re.compile(r"^https?://[^\s/]+\S*$")


def problems(data) -> list[str]:
    """Every way ``data`` breaks the standard (an empty list: it follows it)."""
    found = []

    def need(condition, message):
        if not condition:
            found.append(message)

    need(isinstance(data, dict), "not a mapping")
    if not isinstance(data, dict):
        return found
    need(isinstance(data.get("publiccodeYmlVersion"), str), "publiccodeYmlVersion must be a string")
    need(isinstance(data.get("name"), str) and data["name"], "name")
    need(isinstance(data.get("url"), str) and URL.match(data["url"]), "url must be the code's URL")
    platforms = data.get("platforms")
    need(isinstance(platforms, list) and platforms and set(platforms) <= PLATFORMS, f"platforms {platforms}")
    categories = data.get("categories")
    need(isinstance(categories, list) and categories, "categories")
    need(set(categories or []) <= CATEGORIES, f"unknown categories {set(categories or []) - CATEGORIES}")
    need(data.get("developmentStatus") in DEVELOPMENT_STATUS, "developmentStatus")
    need(data.get("softwareType") in SOFTWARE_TYPES, "softwareType")
    description = data.get("description")
    need(isinstance(description, dict) and description, "description needs at least one language")
    for tag, entry in (description or {}).items():
        need(BCP47.match(tag), f"description language {tag}")
        short = entry.get("shortDescription")
        need(
            isinstance(short, str) and 0 < len(short) <= 150,
            f"{tag}: shortDescription of 1 to 150 characters",
        )
        if "longDescription" in entry:
            need(150 <= len(entry["longDescription"]) <= 10000, f"{tag}: longDescription of 150 to 10000")
        if "features" in entry:
            need(all(isinstance(f, str) for f in entry["features"]), f"{tag}: features are strings")
    need(
        any("longDescription" in e for e in (description or {}).values()), "a longDescription in one language"
    )
    need(any(e.get("features") for e in (description or {}).values()), "features in one language")
    legal = data.get("legal") or {}
    licence = legal.get("license")
    info = get_spdx_licensing().validate(licence or "")
    need(licence and not info.errors, f"legal.license {licence!r} is not SPDX")
    maintenance = data.get("maintenance") or {}
    kind = maintenance.get("type")
    need(kind in MAINTENANCE_TYPES, "maintenance.type")
    if kind == "contract":
        need(maintenance.get("contractors"), "maintenance.contractors for a contract")
    else:
        need("contractors" not in maintenance, "maintenance.contractors only for a contract")
    if kind in ("internal", "community"):
        contacts = maintenance.get("contacts") or []
        need(contacts and all(isinstance(c.get("name"), str) and c["name"] for c in contacts), "contacts")
    localisation = data.get("localisation") or {}
    need(isinstance(localisation.get("localisationReady"), bool), "localisation.localisationReady")
    languages = localisation.get("availableLanguages")
    need(isinstance(languages, list) and languages, "localisation.availableLanguages")
    need(all(BCP47.match(code) for code in languages or []), "availableLanguages are BCP 47")
    return found
