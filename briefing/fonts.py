"""The one typeface of every export (chart images, slides, the PDF): DejaVu Sans, from Debian's fonts-dejavu-core,
which the Makefile installs. It covers Latin, Cyrillic and every Kazakh letter (ә ғ қ ң ө ұ ү һ і), so record text in
Kazakh or Russian prints as typed; the PDF embeds it, the deck names it, chromium finds it through fontconfig."""
from pathlib import Path

FAMILY = "DejaVu Sans"
FOLDER = Path("/usr/share/fonts/truetype/dejavu")
REGULAR = FOLDER / "DejaVuSans.ttf"
BOLD = FOLDER / "DejaVuSans-Bold.ttf"
