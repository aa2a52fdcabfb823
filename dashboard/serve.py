"""Serve the dashboard: `streamlit run app.py`, routed by st.navigation from the very first visit.
(`python -m dashboard.serve other.py [options]` serves another script the same way: the benchmark's floor page.)

Streamlit still scans a `pages/` folder beside the entrypoint until some session has run
st.navigation, so a deep link (e.g. /people?person=...) opened first after a start would bypass the
router and its sidebar. Turning the legacy scan off before the server starts avoids that.

Streamlit also looks up the machine's own addresses (a UDP socket aimed at 8.8.8.8, then an HTTP request to
checkip.amazonaws.com) whenever a websocket arrives from an origin other than localhost, to see whether that
origin is the machine itself; any web page open in the browser can cause that. The server is bound to
127.0.0.1 and has no other address, so those look-ups are switched off too: nothing leaves the machine.
"""
import sys
from pathlib import Path

from streamlit import net_util
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

APP = Path(__file__).resolve().parent.parent / "app.py"


def main() -> None:
    PagesManager.uses_pages_directory = False
    net_util.get_internal_ip = net_util.get_external_ip = lambda: None
    script, options = (sys.argv[1], sys.argv[2:]) if sys.argv[1:2] and sys.argv[1].endswith(".py") else (APP, sys.argv[1:])
    sys.argv = ["streamlit", "run", str(script), *options]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
