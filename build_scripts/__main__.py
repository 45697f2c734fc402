from build_scripts.cli import main

# Guarded: the build starts a "spawn" process, which imports the main module again.
if __name__ == "__main__":
    raise SystemExit(main())
