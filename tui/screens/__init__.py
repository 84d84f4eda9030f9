"""The app's screens: first-run form, main editing screen, help, checks panel and small dialogs."""
