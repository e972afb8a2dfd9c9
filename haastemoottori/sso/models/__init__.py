from .identity import OidcIdentity
from .provider import OidcProvider
from .role_mapping import OidcRoleMapping

__all__ = ["OidcIdentity", "OidcProvider", "OidcRoleMapping"]
