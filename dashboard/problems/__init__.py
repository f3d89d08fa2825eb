"""Problems: logged and edited by staff, browsed and followed by every LDC through their
public fields, linked to incidents."""
