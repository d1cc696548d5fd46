"""The report for the doctor drawn with Qt: PDF, preview images, printing, and the dialog."""
