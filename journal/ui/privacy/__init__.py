"""Privacy: the passphrase asked before the window opens, and Preferences > Privacy, where
encryption is set, changed and removed."""
