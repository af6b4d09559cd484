import NPYFormat
print("npybrowse")
