"""Other areas add a tab to each client's detail (contracts, visits, invoices, what was shared).

Factories take (ctx, client_id) and return the tab's widget.
"""

from __future__ import annotations

from app.ui.registry import TitledRegistry

_TABS = TitledRegistry()
register_client_tab = _TABS.register
client_tabs = _TABS.items
