from medpress.cli import run

run()
