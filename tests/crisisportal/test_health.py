import pytest


@pytest.mark.django_db
def test_healthz_reports_database_redis_and_workers(client):
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["redis"]["status"] == "ok"
    assert "workers" in body["checks"]["celery"]


@pytest.mark.django_db
def test_healthz_fails_fast_when_redis_is_down(client, settings):
    import time

    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    started = time.monotonic()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["redis"]["status"] == "error"
    assert time.monotonic() - started < 5
