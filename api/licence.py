"""The licence of the open data: everything the API and the exports publish.

CC BY 4.0: anyone may copy, adapt and republish it, commercially too, naming WISE Business as
the source. It is what the EU's own portals use for metadata and what catalogues that harvest
ours (Joinup, national software catalogues) can take in without asking.
"""

DATA_LICENCE = "CC-BY-4.0"
DATA_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
