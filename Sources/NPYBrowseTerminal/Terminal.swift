@preconcurrency import CNcurses
import NPYBrowseUI
