"""Reading and writing files: plan files in, domain values out."""
