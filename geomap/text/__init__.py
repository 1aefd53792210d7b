"""Reading articles: ingest (formats, encodings, boilerplate, sentences, dates) and recognition."""
