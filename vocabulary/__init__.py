"""The programme's shared language: sectors, places, the 4 Rs, the six principles."""
