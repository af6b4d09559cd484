import NPYFormat
