"""Serve the dashboard: `streamlit run app.py`, routed by st.navigation from the very first visit.

Streamlit still scans a `pages/` folder beside the entrypoint until some session has run
st.navigation, so a deep link (e.g. /people?person=...) opened first after a start would bypass the
router and its sidebar. Turning the legacy scan off before the server starts avoids that.
"""
import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

APP = Path(__file__).resolve().parent.parent / "app.py"


def main() -> None:
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
