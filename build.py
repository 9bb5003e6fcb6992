#!/usr/bin/env python3
"""Build the medpress site in this folder: `python build.py [build|check|serve|new ...]`."""

from medpress.cli import run

if __name__ == "__main__":
    run()
