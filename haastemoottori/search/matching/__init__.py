"""Parts of the matcher (haastemoottori.search.matcher): the lexical and the vector index."""
