"""medpress: a static site generator for clinically reviewed drug-information pages."""

__version__ = "0.1.0"
