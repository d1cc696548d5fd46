"""CGM exports (Dexcom Clarity, LibreView) read into a reading stream: see detect.read_cgm."""
