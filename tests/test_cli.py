"""The installed `headshots` console script: exit codes and exact output."""

import pytest

from headshots import yamlnodes

from conftest import headshots
from factories import BAD_PROFILES, make_headshot, minimal_profile, write_bad_profiles, write_profile

run = headshots


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "photographers"
    write_profile(root, "maya-okafor", minimal_profile(name="Maya Okafor"))
    write_profile(root, "zoe", minimal_profile(name="Zoë", city="Zürich", country="CH"))
    return tmp_path


def test_check_clean_directory(site):
    result = run("check", "photographers", cwd=site)
    assert (result.returncode, result.stdout, result.stderr) == (0, "2 profiles OK\n", "")
    # Without PATH every registered check runs (the articles check finds no content/ here).
    result = run("check", cwd=site)
    assert result.returncode == 0 and result.stdout.startswith("2 profiles, ") and result.stdout.endswith(" OK\n")


def test_check_one_profile_or_one_folder(site):
    assert run("check", "photographers/zoe/profile.yaml", cwd=site).stdout == "1 profile OK\n"
    assert run("check", "photographers/zoe", cwd=site).stdout == "1 profile OK\n"


def test_check_reports_every_bad_input_exactly(site):
    expected = write_bad_profiles(site / "photographers", "photographers")
    result = run("check", "photographers", cwd=site)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert sorted(lines[:-1]) == sorted(expected)
    assert lines[-1] == f"{len(BAD_PROFILES)} problems found (checked {len(BAD_PROFILES) + 2} profiles)"
    assert "Traceback" not in result.stderr


def test_github_actions_annotations(site):
    write_profile(site / "photographers", "bad", minimal_profile(location={"city": "Chicago", "country": "USA"}))
    result = run("check", "photographers", cwd=site, env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        'photographers/bad/profile.yaml:4:12: location.country: "USA" is not a two-letter ISO 3166 country code '
        "(for example US, GB, CA)",
        '::error file=photographers/bad/profile.yaml,line=4,col=12::location.country: "USA" is not a two-letter '
        "ISO 3166 country code (for example US, GB, CA)",
        "1 problem found (checked 3 profiles)",
    ]


def test_check_opens_images_like_the_build(site):
    folder = site / "photographers" / "maya-okafor"
    make_headshot(folder / "one.jpg", size=(300, 400))
    (site / "photographers" / "zoe" / "one.jpg").write_bytes(b"not an image at all")
    result = run("check", "photographers", cwd=site)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith('photographers/maya-okafor/profile.yaml:11:9: headshots[0].file: "one.jpg" ')
    assert lines[1].startswith('photographers/zoe/profile.yaml:11:9: headshots[0].file: "one.jpg" ')
    assert lines[2] == "2 problems found (checked 2 profiles)"


def test_check_uses_photographers_path_from_pelicanconf(tmp_path):
    write_profile(tmp_path / "people", "maya", minimal_profile())
    (tmp_path / "pelicanconf.py").write_text('PATH = "content"\nPHOTOGRAPHERS_PATH = "people"\n', encoding="utf-8")
    result = run("check", "people", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "1 profile OK\n")
    result = run("check", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("1 profile, ")


def test_check_missing_default_folder_is_a_problem(tmp_path):
    result = run("check", cwd=tmp_path)
    assert result.returncode == 1
    # the very line the build prints for the same settings
    assert result.stdout.splitlines()[0] == (
        "photographers:1:1: PHOTOGRAPHERS_PATH: folder not found: "
        "set PHOTOGRAPHERS_PATH to the folder of photographer profiles"
    )


def test_usage_errors_exit_2(site):
    result = run("check", "nowhere", cwd=site)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.endswith("headshots check: error: nowhere: no such file or folder\n")
    assert run(cwd=site).returncode == 2
    assert run("frobnicate", cwd=site).returncode == 2
    assert run("new", "unicorn", "x", cwd=site).returncode == 2


def test_new_photographer(tmp_path):
    (tmp_path / "photographers").mkdir()
    result = run("new", "photographer", "Zoë O'Brien", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Created photographers/zoe-obrien/profile.yaml\n"
        "Next:\n"
        "  1. copy the headshot images into photographers/zoe-obrien/ (short side at least 800 px)\n"
        "  2. edit photographers/zoe-obrien/profile.yaml: replace every value, list each image under headshots\n"
        "  3. run `headshots check photographers/zoe-obrien` until it says OK, then `make serve` to see "
        "/photographers/zoe-obrien/\n"
    )
    target = tmp_path / "photographers" / "zoe-obrien" / "profile.yaml"
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    schema = text.splitlines()[0].split("$schema=")[1]
    assert (target.parent / schema).resolve().name == "profile.schema.json"
    assert (target.parent / schema).resolve().is_file()
    data = yamlnodes.load(text).data
    assert data["name"] == "Zoë O'Brien"
    for key in ("retouching", "proofs", "booking_lead_days", "usage", "hair_makeup", "turnaround_days"):
        assert key in data
    # Valid apart from the images the editor has not added yet and the examples to replace.
    result = run("check", "photographers/zoe-obrien", cwd=tmp_path)
    assert result.returncode == 1
    example = "is the scaffold's example: write your own, or delete the line if it is optional"
    assert result.stdout.splitlines() == [
        f'photographers/zoe-obrien/profile.yaml:11:9: studio: "Replace Studio Name" {example}',
        f'photographers/zoe-obrien/profile.yaml:58:10: website: "https://example.com" {example}',
        f'photographers/zoe-obrien/profile.yaml:59:14: booking_url: "https://example.com/book" {example}',
        f'photographers/zoe-obrien/profile.yaml:60:8: email: "hello@example.com" {example}',
        f'photographers/zoe-obrien/profile.yaml:61:12: instagram: "yourhandle" {example}',
        'photographers/zoe-obrien/profile.yaml:63:6: bio: "Two or three sentences: who you photograph, where, '
        f'and what a session is like." {example}',
        'photographers/zoe-obrien/profile.yaml:67:11: headshots[0].file: file "replace-01.jpg" not found in '
        "photographers/zoe-obrien/",
        'photographers/zoe-obrien/profile.yaml:68:10: headshots[0].alt: "Actor in a navy sweater, warm smile, '
        f'soft window light" {example}',
        "8 problems found (checked 1 profile)",
    ]
    # Refuses to overwrite.
    again = run("new", "photographer", "Zoë O'Brien", cwd=tmp_path)
    assert (again.returncode, again.stdout) == (1, "")
    assert again.stderr == (
        "headshots: photographers/zoe-obrien/profile.yaml already exists: edit it, or choose another --slug\n"
    )
    assert target.read_text(encoding="utf-8") == text


def test_new_photographer_needs_a_slug_when_the_name_has_no_latin_letters(tmp_path):
    result = run("new", "photographer", "山田 太郎", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        'headshots: cannot make a folder name from "山田 太郎": pass one with --slug, '
        "lowercase letters, digits and hyphens (e.g. --slug yamada-taro)\n"
    )
    result = run("new", "photographer", "山田 太郎", "--slug", "yamada-taro", cwd=tmp_path)
    assert result.returncode == 0
    data = yamlnodes.load_file(tmp_path / "photographers" / "yamada-taro" / "profile.yaml").data
    assert data["name"] == "山田 太郎"


def test_new_photographer_quotes_names_yaml_would_misread(tmp_path):
    assert run("new", "photographer", "True", "--slug", "true-name", cwd=tmp_path).returncode == 0
    data = yamlnodes.load_file(tmp_path / "photographers" / "true-name" / "profile.yaml").data
    assert data["name"] == "True"


def test_check_on_several_processes_reports_the_same(tmp_path):
    """From PHOTOGRAPHERS_PARALLEL_FROM profiles, `headshots check` shares them across processes."""
    (tmp_path / "pelicanconf.py").write_text("PHOTOGRAPHERS_PARALLEL_FROM = 1\nPHOTOGRAPHERS_JOBS = 2\n")
    expected = write_bad_profiles(tmp_path / "photographers", "photographers")
    for index in range(3):
        write_profile(tmp_path / "photographers", f"good-{index}", minimal_profile(name=f"Good {index}"))
    parallel = run("check", "photographers", cwd=tmp_path)
    (tmp_path / "pelicanconf.py").write_text("PHOTOGRAPHERS_JOBS = 1\n")
    serial = run("check", "photographers", cwd=tmp_path)
    assert parallel.returncode == serial.returncode == 1
    assert parallel.stdout == serial.stdout
    assert parallel.stdout.splitlines()[:-1] == sorted(expected)


def test_a_broken_settings_file_is_one_line_not_a_traceback(tmp_path):
    (tmp_path / "pelicanconf.py").write_text('PATH = "content"\nx = (\n', encoding="utf-8")
    result = run("check", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == "pelicanconf.py:2:5: settings: cannot be read: '(' was never closed\n"
    assert "Traceback" not in result.stderr
