"""Reference data the rest of the package looks things up in, read from ``data/``.

``countries``: member states, their codes, names over time, successors, neighbours and the one
name/code normaliser. ``groups``: the UN regional groups and political groupings with dated
membership. Both read shipped files only and never open the database.
"""
