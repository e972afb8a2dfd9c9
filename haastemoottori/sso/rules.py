"""Named permissions of city sign-in: only platform admins configure the cities' identity providers."""

import rules

from haastemoottori.organisations.rules import is_platform_admin

rules.add_perm("sso.manage_providers", is_platform_admin)
