"""The standard briefing pack from the command line: python -m briefing --out FILE.pptx|FILE.pdf."""
