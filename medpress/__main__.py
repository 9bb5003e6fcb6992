from medpress.cli import main

main()
