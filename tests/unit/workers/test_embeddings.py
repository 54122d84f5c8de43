"""WordLlama, the offline embeddings: it loads from the wheel with sockets disabled (the unit tier
fails any network access) and puts a paraphrase nearer than an unrelated text."""
from importlib.metadata import version

import numpy as np

from config.settings import Settings
from core.embeddings import unit_rows
from workers.embeddings import WordLlamaEmbeddings, embeddings_from_settings


def test_wordllama_loads_from_the_installed_wheel_without_network():
    model = WordLlamaEmbeddings()

    assert version("wordllama") == "0.4.0.post1"
    assert model.model_name == "wordllama-0.4.0.post1-l2_supercat-256"
    assert len(model.embed(["Iya Basira"])[0]) == 256


def test_a_paraphrase_is_nearer_than_an_unrelated_part():
    rows = unit_rows(WordLlamaEmbeddings().embed([
        "A strict army commander who rules his barracks with discipline",
        "Often cast as generals and soldiers in war dramas",
        "Plays shy university students falling in love",
    ]))
    closeness = rows[1:] @ rows[0]

    assert closeness[0] > closeness[1] + 0.1


def test_nothing_to_embed_is_no_vectors():
    assert WordLlamaEmbeddings().embed([]) == []


def test_without_an_api_address_the_offline_model_is_chosen():
    assert isinstance(embeddings_from_settings(Settings(embeddings_api_base_url="")), WordLlamaEmbeddings)


def test_unit_rows_leave_a_zero_vector_at_zero():
    rows = unit_rows([[3.0, 4.0], [0.0, 0.0]])

    assert np.allclose(rows, [[0.6, 0.8], [0.0, 0.0]])
