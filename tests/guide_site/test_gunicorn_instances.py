"""Two sites served by gunicorn on one machine, by one user, keep to themselves: each has its
control socket in its own var/, and stopping one leaves the other's in place (gunicorn's
default, $HOME/.gunicorn/gunicorn.ctl, was shared, and each removed the other's)."""

import pytest

from tests.tools.servers import Gunicorn

pytestmark = [pytest.mark.services, pytest.mark.slow, pytest.mark.xdist_group("servers")]


def test_each_site_has_a_control_socket_of_its_own(tmp_path, new_site_var):
    home = tmp_path / "home"
    home.mkdir()
    envs = [new_site_var(tmp_path / name, HOME=home) for name in ("a", "b")]
    sockets = [tmp_path / name / "gunicorn.ctl" for name in ("a", "b")]
    with Gunicorn(envs[0], workers=1) as first:
        with Gunicorn(envs[1], workers=1):
            assert all(path.is_socket() for path in sockets)
        assert sockets[0].is_socket(), "stopping the second site removed the first's socket"
        assert first.process.poll() is None
    assert not (home / ".gunicorn").exists()
