"""The formats a briefing pack is written in: a 16:9 PowerPoint deck (briefing/deck.py) and an A4 PDF
(briefing/paper.py), both from one Pack (briefing/pack.py)."""
from briefing.deck import to_pptx
from briefing.paper import to_pdf

WRITERS = {"pptx": to_pptx, "pdf": to_pdf}
MIME = {"pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pdf": "application/pdf"}
