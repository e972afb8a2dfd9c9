"""Named permissions for procurement paths (the ``rules`` library). Tested per role in tests/."""

import rules

from haastemoottori.challenges.rules import is_owner_editor
from haastemoottori.organisations.rules import is_platform_admin

# Record the route, notices, awards and contracts of a challenge: editors of the lead and co-owner
# organisations, and platform admins. The object is the challenge.
rules.add_perm("procurement.change_procurement", is_owner_editor | is_platform_admin)
