"""The renderers an erasure uses for the redacted copies of stored PDFs (issue 18)."""

from __future__ import annotations

from app.core.contracts.document import signing_render
from app.core.privacy.erasure import ErasureRenderers
from app.documents.commitment_pdf import render_commitment_pdf
from app.documents.contract_pdf import render_contract_pdf
from app.documents.invoice_pdf import render_invoice


def erasure_renderers() -> ErasureRenderers:
    return ErasureRenderers(
        invoice=render_invoice,
        contract=signing_render(render_contract_pdf),
        commitment=render_commitment_pdf,
    )
