"""A synthetic marketplace of any size, for benchmarks and scale tests: `python -m bench.generate COUNT OUT_DIR`.

The output is a complete marketplace repository (settings copied from this repository, the schemas, and
COUNT opportunity folders) that passes `devex validate` with no problem. Everything follows from the seed:
no wall clock, no set ordering, so the same seed gives byte-identical files. Statuses follow a realistic
mix (most work completed, some open, closed, awarded, cancelled, terminated or unsuccessful), dates obey
the lifecycle rules around a fixed "today", and bids digests and draws are computed by site_builder.selection.legacy.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import random
import shutil
import sys
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from site_builder import archive
from site_builder.dump import dump_yaml
from site_builder.lint import split_contracts
from site_builder.load import load_file
from site_builder.model import Document, Opportunity, Problem, Settings
from site_builder.scaffold import opportunity_id
from site_builder.selection.legacy import draw_order

REPO = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 25)
PER_YEAR = 1500
KINDS: dict[str, float] = {
    "open": 0.08,
    "closed": 0.05,
    "awarded": 0.10,
    "completed": 0.48,
    "cancelled": 0.08,
    "terminated": 0.03,
    "unsuccessful": 0.18,
}
RECENT = ("open", "closed", "awarded")
STATUS_OF_KIND = {"terminated": "cancelled"}
SCHEMA_HINT = "../../../schema/{kind}.schema.json"

# ---------------------------------------------------------------- text material

PROJECTS = (  # English name, French name, French "of" form, repository, licence, main skill
    (
        "Benefits estimator",
        "l'estimateur de prestations",
        "de l'estimateur de prestations",
        "benefits-estimator",
        "MIT",
        "javascript",
    ),
    (
        "Open data harvester",
        "le moissonneur de données ouvertes",
        "du moissonneur de données ouvertes",
        "open-data-harvester",
        "Apache-2.0",
        "python",
    ),
    ("Notification service", "le service de notification", "du service de notification", "notify-api", "MIT", "python"),
    (
        "Forms builder",
        "le générateur de formulaires",
        "du générateur de formulaires",
        "forms-builder",
        "MIT",
        "typescript",
    ),
    (
        "Web Experience Toolkit plugins",
        "les modules de la Boîte à outils",
        "des modules de la Boîte à outils",
        "wet-plugins",
        "MIT",
        "javascript",
    ),
    (
        "Cloud guardrails checker",
        "le vérificateur des garde-fous",
        "du vérificateur des garde-fous",
        "cloud-guardrails",
        "Apache-2.0",
        "python",
    ),
    (
        "Accessibility scanner",
        "l'analyseur d'accessibilité",
        "de l'analyseur d'accessibilité",
        "a11y-scanner",
        "MIT",
        "typescript",
    ),
    ("Design system", "le système de design", "du système de design", "design-system", "MIT", "typescript"),
    (
        "Job search API",
        "l'API de recherche d'emplois",
        "de l'API de recherche d'emplois",
        "job-search-api",
        "MIT",
        "java",
    ),
    (
        "Procurement data pipeline",
        "le pipeline des achats",
        "du pipeline des achats",
        "procurement-pipeline",
        "Apache-2.0",
        "python",
    ),
    (
        "Service status page",
        "la page d'état des services",
        "de la page d'état des services",
        "status-page",
        "MIT",
        "javascript",
    ),
    (
        "Identity verification client",
        "le client de vérification d'identité",
        "du client de vérification d'identité",
        "identity-client",
        "Apache-2.0",
        "java",
    ),
)

COMPONENTS = (
    ("the search results page", "la page des résultats de recherche"),
    ("the application form", "le formulaire de demande"),
    ("the date picker", "le sélecteur de date"),
    ("the navigation menu", "le menu de navigation"),
    ("the reports screen", "l'écran des rapports"),
    ("the sign-in page", "la page de connexion"),
    ("the data table", "le tableau de données"),
    ("the file upload dialog", "la boîte de dialogue de téléversement"),
)

TASKS: tuple[dict[str, Any], ...] = (
    {
        "skills": ["accessibility", "testing"],
        "title": ("Fix keyboard focus in {c_en}", "Corriger le focus clavier : {c_fr}"),
        "teaser": (
            "Keyboard users lose their place in {c_en}. Make focus move in a logical order.",
            "Les utilisateurs du clavier perdent leur repère dans {c_fr}. Rétablir un ordre logique du focus.",
        ),
        "problem": (
            "People who navigate with a keyboard or a screen reader report that focus jumps to the top of the "
            "page when they use {c_en}. This fails WCAG 2.1 success criterion 2.4.3 (Focus Order) and makes "
            "the service hard to use without a mouse.",
            "Les personnes qui naviguent au clavier ou avec un lecteur d'écran signalent que le focus revient "
            "en haut de la page quand elles utilisent {c_fr}. Cela échoue au critère de succès 2.4.3 des "
            "WCAG 2.1 (Parcours du focus) et rend le service difficile à utiliser sans souris.",
        ),
        "task": (
            "Fix the component so that focus always lands on the next logical element, and add an automated "
            "test that walks through it with the keyboard.",
            "Corrigez le composant pour que le focus passe toujours à l'élément logique suivant, et ajoutez un "
            "test automatisé qui le parcourt au clavier.",
        ),
        "accept": (
            "Focus order follows the visual order in every state of the component.",
            "L'ordre du focus suit l'ordre visuel dans tous les états du composant.",
        ),
        "evaluate": (
            "Shows at least one earlier contribution that fixed an accessibility defect.",
            "Montre au moins une contribution antérieure qui a corrigé un défaut d'accessibilité.",
        ),
    },
    {
        "skills": ["data", "testing"],
        "title": ("Add a CSV export to {c_en}", "Ajouter une exportation CSV : {c_fr}"),
        "teaser": (
            "Analysts copy figures by hand from {c_en}. Let them download the same data as CSV.",
            "Les analystes recopient les chiffres à la main depuis {c_fr}. Leur permettre de télécharger les "
            "mêmes données en CSV.",
        ),
        "problem": (
            "Analysts who use {c_en} copy its figures into spreadsheets by hand, which is slow and error-prone. "
            "The data is already available through the service's internal API.",
            "Les analystes qui utilisent {c_fr} recopient ses chiffres à la main dans des tableurs, ce qui est "
            "lent et source d'erreurs. Les données sont déjà offertes par l'API interne du service.",
        ),
        "task": (
            "Add a **Download CSV** button that exports exactly the rows and columns shown, in UTF-8 with a "
            "header row in the page's language, and document the columns.",
            "Ajoutez un bouton **Télécharger en CSV** qui exporte exactement les lignes et colonnes affichées, "
            "en UTF-8 avec une ligne d'en-tête dans la langue de la page, et documentez les colonnes.",
        ),
        "accept": (
            "The CSV opens correctly in common spreadsheet software, accents included.",
            "Le fichier CSV s'ouvre correctement dans les tableurs courants, accents compris.",
        ),
        "evaluate": (
            "Shows earlier work that produced or parsed CSV or another open data format.",
            "Montre un travail antérieur qui produit ou lit du CSV ou un autre format de données ouvertes.",
        ),
    },
    {
        "skills": ["security", "devops"],
        "title": ("Patch a vulnerable dependency in {p_en}", "Corriger une dépendance vulnérable {p_de_fr}"),
        "teaser": (
            "A published advisory affects a library {p_en} uses. Upgrade it and prove nothing broke.",
            "Un avis de sécurité publié touche une bibliothèque qu'utilise {p_fr}. La mettre à jour et "
            "prouver que rien n'est brisé.",
        ),
        "problem": (
            "The dependency scanner flags a high-severity advisory in a library that {p_en} uses to parse "
            "user input. The fixed release changes a few function signatures, so the upgrade is not automatic.",
            "L'analyseur de dépendances signale un avis de gravité élevée dans une bibliothèque qu'utilise "
            "{p_fr} pour lire les entrées des utilisateurs. La version corrigée modifie quelques signatures de "
            "fonctions : la mise à jour n'est donc pas automatique.",
        ),
        "task": (
            "Upgrade the library to the fixed release, adapt the calling code, add a regression test for the "
            "advisory's case, and pin the version in the lock file.",
            "Mettez la bibliothèque à jour vers la version corrigée, adaptez le code appelant, ajoutez un test "
            "de non-régression pour le cas de l'avis et figez la version dans le fichier de verrouillage.",
        ),
        "accept": (
            "The dependency scanner reports no high or critical advisory after the change.",
            "L'analyseur de dépendances ne signale plus aucun avis élevé ou critique après la modification.",
        ),
        "evaluate": (
            "Shows earlier work handling a security fix or a dependency upgrade.",
            "Montre un travail antérieur portant sur un correctif de sécurité ou une mise à jour de dépendance.",
        ),
    },
    {
        "skills": ["translation", "python"],
        "title": ("Translate the command-line messages of {p_en}", "Traduire les messages en ligne de commande"),
        "teaser": (
            "The command-line tool of {p_en} speaks English only. Make every message available in French.",
            "L'outil en ligne de commande {p_de_fr} ne parle qu'anglais. Offrir chaque message en français.",
        ),
        "problem": (
            "Public servants across the country run the command-line tool of {p_en}, but its help and error "
            "messages exist only in English, which does not meet the Official Languages Act.",
            "Des fonctionnaires de partout au pays utilisent l'outil en ligne de commande {p_de_fr}, mais son "
            "aide et ses messages d'erreur n'existent qu'en anglais, ce qui ne respecte pas la Loi sur les "
            "langues officielles.",
        ),
        "task": (
            "Extract every message into a gettext catalogue, add the French translation, and choose the "
            "language from the environment with a `--lang` option to override it.",
            "Extrayez chaque message dans un catalogue gettext, ajoutez la traduction française et choisissez "
            "la langue selon l'environnement, avec une option `--lang` pour la forcer.",
        ),
        "accept": (
            "Every message, help text included, appears in French when the locale is French.",
            "Chaque message, aide comprise, s'affiche en français lorsque la langue locale est le français.",
        ),
        "evaluate": (
            "Writes professional French and English, as shown in earlier public work.",
            "Rédige un français et un anglais professionnels, comme le montre un travail public antérieur.",
        ),
    },
    {
        "skills": ["testing", "devops"],
        "title": ("Fix a flaky test in {p_en}", "Corriger un test instable {p_de_fr}"),
        "teaser": (
            "One integration test of {p_en} fails one run in ten. Find the cause and make it reliable.",
            "Un test d'intégration {p_de_fr} échoue une fois sur dix. Trouver la cause et le fiabiliser.",
        ),
        "problem": (
            "An integration test that exercises {c_en} fails about one run in ten in continuous integration, "
            "so developers rerun pipelines and have started to ignore real failures.",
            "Un test d'intégration qui exerce {c_fr} échoue environ une fois sur dix en intégration continue : "
            "les développeurs relancent les pipelines et ont commencé à ignorer de vrais échecs.",
        ),
        "task": (
            "Find the root cause (timing, ordering or shared state), fix it in the code or the test, and "
            "explain the cause in the pull request.",
            "Trouvez la cause profonde (délai, ordre d'exécution ou état partagé), corrigez-la dans le code ou "
            "le test, et expliquez la cause dans la demande de tirage.",
        ),
        "accept": (
            "The test passes 200 runs in a row in continuous integration.",
            "Le test réussit 200 exécutions de suite en intégration continue.",
        ),
        "evaluate": (
            "Explains in the application how they would reproduce an intermittent failure.",
            "Explique dans sa candidature comment il reproduirait un échec intermittent.",
        ),
    },
    {
        "skills": ["devops", "testing"],
        "title": ("Upgrade {p_en} to a supported runtime", "Mettre à niveau l'environnement {p_de_fr}"),
        "teaser": (
            "The runtime under {p_en} reaches end of life soon. Move to the current long-term release.",
            "L'environnement d'exécution {p_de_fr} arrive bientôt en fin de vie. Passer à la version de "
            "soutien à long terme.",
        ),
        "problem": (
            "{p_en} still runs on a runtime version that stops receiving security updates next quarter. "
            "A few deprecated calls and an old test runner block the upgrade.",
            "Le projet fonctionne encore sur une version qui ne recevra plus de mises à jour de sécurité au "
            "prochain trimestre. Quelques appels dépréciés et un ancien exécuteur de tests bloquent la mise "
            "à niveau.",
        ),
        "task": (
            "Upgrade the runtime and the test runner, replace the deprecated calls, and update the container "
            "image and the continuous integration matrix.",
            "Mettez à niveau l'environnement et l'exécuteur de tests, remplacez les appels dépréciés, et mettez "
            "à jour l'image de conteneur et la matrice d'intégration continue.",
        ),
        "accept": (
            "The service builds and every test passes on the new runtime only.",
            "Le service se construit et chaque test réussit sur le nouvel environnement seulement.",
        ),
        "evaluate": (
            "Shows an earlier runtime or framework upgrade in a public repository.",
            "Montre une mise à niveau antérieure d'environnement ou de cadriciel dans un dépôt public.",
        ),
    },
    {
        "skills": ["documentation"],
        "title": ("Write the developer guide of {p_en}", "Rédiger le guide du développeur {p_de_fr}"),
        "teaser": (
            "New contributors to {p_en} take days to set it up. Write a guide that takes an hour.",
            "Les nouveaux contributeurs {p_de_fr} mettent des jours à l'installer. Rédiger un guide qui prend "
            "une heure.",
        ),
        "problem": (
            "Setting up {p_en} on a new machine takes days of asking around: the README is out of date and "
            "the steps for the test database live in one person's head.",
            "Installer {p_fr} sur un nouveau poste demande des jours de questions : le fichier README est "
            "périmé et les étapes de la base de données de test ne sont connues que d'une personne.",
        ),
        "task": (
            "Write a bilingual developer guide (set-up, running the tests, the release steps) in the "
            "repository's docs folder, and check every command on a fresh machine.",
            "Rédigez un guide bilingue du développeur (installation, exécution des tests, étapes de "
            "publication) dans le dossier docs du dépôt, et vérifiez chaque commande sur un poste neuf.",
        ),
        "accept": (
            "A reviewer who never used the project sets it up from the guide alone.",
            "Une réviseure qui n'a jamais utilisé le projet l'installe à l'aide du seul guide.",
        ),
        "evaluate": (
            "Links to technical documentation they wrote, in English or French.",
            "Fournit un lien vers une documentation technique qu'il a rédigée, en anglais ou en français.",
        ),
    },
    {
        "skills": ["ux", "accessibility"],
        "title": ("Rewrite the error messages of {c_en}", "Réécrire les messages d'erreur : {c_fr}"),
        "teaser": (
            "Error messages in {c_en} show codes instead of advice. Write them in plain language.",
            "Les messages d'erreur dans {c_fr} affichent des codes au lieu de conseils. Les rédiger en langage clair.",
        ),
        "problem": (
            "When something goes wrong in {c_en}, people see codes such as `ERR_422` and call the help desk. "
            "Usability testing showed that most of these calls are avoidable.",
            "Quand quelque chose ne va pas dans {c_fr}, les gens voient des codes comme `ERR_422` et "
            "appellent le centre d'assistance. Les essais d'utilisabilité ont montré que la plupart de ces "
            "appels sont évitables.",
        ),
        "task": (
            "Replace each error code with a message that says what happened and what to do, in both "
            "languages, linked to the field at fault and announced to screen readers.",
            "Remplacez chaque code d'erreur par un message qui dit ce qui s'est passé et quoi faire, dans les "
            "deux langues, relié au champ en cause et annoncé aux lecteurs d'écran.",
        ),
        "accept": (
            "Every error message is in plain language and tied to its field with aria-describedby.",
            "Chaque message d'erreur est en langage clair et relié à son champ par aria-describedby.",
        ),
        "evaluate": (
            "Shows earlier content design or user interface work.",
            "Montre un travail antérieur de conception de contenu ou d'interface.",
        ),
    },
    {
        "skills": ["data"],
        "title": ("Publish a JSON Schema for the {p_en} data", "Publier un schéma JSON des données"),
        "teaser": (
            "Users of the {p_en} data guess its fields. Publish a schema and validate every release.",
            "Les utilisateurs des données {p_de_fr} devinent les champs. Publier un schéma et valider chaque "
            "diffusion.",
        ),
        "problem": (
            "The open data published by {p_en} has no formal description, so users guess what each field "
            "means and releases sometimes change a field's type without warning.",
            "Les données ouvertes publiées par {p_fr} n'ont aucune description formelle : les utilisateurs "
            "devinent le sens de chaque champ et une diffusion change parfois le type d'un champ sans avertir.",
        ),
        "task": (
            "Write a JSON Schema with bilingual descriptions of every field and make the release job validate "
            "each file against it.",
            "Rédigez un schéma JSON décrivant chaque champ dans les deux langues, et faites valider chaque "
            "fichier par la tâche de diffusion.",
        ),
        "accept": (
            "The release job fails when a published file does not match the schema.",
            "La tâche de diffusion échoue quand un fichier publié ne correspond pas au schéma.",
        ),
        "evaluate": (
            "Shows earlier work with JSON Schema or a comparable data contract.",
            "Montre un travail antérieur avec JSON Schema ou un contrat de données comparable.",
        ),
    },
    {
        "skills": ["java", "testing"],
        "title": ("Speed up {c_en} in {p_en}", "Accélérer {c_fr}"),
        "teaser": (
            "{C_en} takes eight seconds to load. Find the slow query and bring it under one second.",
            "{C_fr} met huit secondes à s'afficher. Trouver la requête lente et passer sous une seconde.",
        ),
        "problem": (
            "{C_en} takes up to eight seconds to load at peak times. Profiling points at a database query "
            "that loads every record and filters them in memory.",
            "{C_fr} met jusqu'à huit secondes à s'afficher aux heures de pointe. Le profilage désigne une "
            "requête qui charge tous les enregistrements puis les filtre en mémoire.",
        ),
        "task": (
            "Move the filtering into the query, add the missing index with a migration, and add a test that "
            "guards the number of queries.",
            "Déplacez le filtrage dans la requête, ajoutez l'index manquant par une migration et ajoutez un "
            "test qui surveille le nombre de requêtes.",
        ),
        "accept": (
            "The page loads in under one second on the test data set of 100,000 records.",
            "La page s'affiche en moins d'une seconde sur le jeu de test de 100 000 enregistrements.",
        ),
        "evaluate": (
            "Shows earlier work that made a database-backed application faster.",
            "Montre un travail antérieur qui a accéléré une application adossée à une base de données.",
        ),
    },
)

QA = (
    (
        "The pull request passes the repository's automated tests and adds tests for the change.",
        "La demande de tirage réussit les tests automatisés du dépôt et ajoute des tests pour la modification.",
    ),
    (
        "No new security issue: no secrets in code, dependencies pinned, input validated.",
        "Aucun nouveau problème de sécurité : aucun secret dans le code, dépendances figées, entrées validées.",
    ),
)

CONTEXT = (
    "{P_en} is open source and maintained by a small team. The maintainers review pull requests within two "
    "working days and answer questions in the discussion linked to this opportunity. Work in a fork, keep "
    "commits small, and follow the contribution guide in the repository.",
    "{P_fr_cap} est un logiciel libre maintenu par une petite équipe. Les responsables examinent les "
    "demandes de tirage en deux jours ouvrables et répondent aux questions dans la discussion liée à cette "
    "occasion. Travaillez dans une bifurcation, gardez des validations courtes et suivez le guide de "
    "contribution du dépôt.",
)

FIRST_NAMES = (
    "amelie", "kwame", "priya", "lucas", "fatima", "olivier", "mei", "jonah", "chloe", "arjun", "noemie",
    "tariq", "sophie", "daniel", "yasmin", "etienne", "grace", "mathis", "leila", "owen",
)  # fmt: skip
LAST_NAMES = (
    "roy", "mensah", "patel", "gagnon", "haddad", "bouchard", "chen", "cardinal", "tremblay", "singh", "cote",
    "ahmed", "nguyen", "leblanc", "okafor", "pelletier", "wong", "lavoie", "martin", "bergeron",
)  # fmt: skip
POSTAL = ("K1A", "H2X", "M5V", "V6B", "T2P", "R3C", "E1C", "B3H", "S4P", "A1C", "G1R", "K2P", "J8X", "N2L")
EMAIL_DOMAINS = {"esdc": "hrsdc-rhdcc.gc.ca", "tbs": "tbs-sct.gc.ca", "ssc": "ssc-spc.gc.ca"}


# ---------------------------------------------------------------- the plan of one opportunity


@dataclass
class _Plan:
    """Everything decided for one opportunity before its files are written."""

    index: int
    kind: str
    department: str
    posted: date
    closing: datetime
    start: date
    delivery: date
    ident: str = ""
    extras: dict[str, Any] = field(default_factory=dict)


def generate(root: Path, count: int, seed: int = 0) -> Path:
    """Write a marketplace of `count` opportunities at `root` (which must be empty or absent); return `root`."""
    if count < 0:
        raise ValueError("count must be zero or more")
    root.mkdir(parents=True, exist_ok=True)
    if any(root.iterdir()):
        raise ValueError(f"{root} is not empty: the generator writes a fresh marketplace")
    settings = _copy_settings(root)
    rng = random.Random(seed)
    departments = sorted(settings["departments"])
    zone = ZoneInfo(settings.get("time_zone", "America/Toronto"))
    span = max(1, math.ceil(count / PER_YEAR)) * 365
    plans = [_plan(i, kind, departments[i % len(departments)], span, zone, rng) for i, kind in _kinds(count, rng)]
    _assign_ids(plans)
    writer = _Writer(root, settings, zone, rng)
    for number, plan in enumerate(sorted(plans, key=lambda p: p.ident), start=1):
        writer.write(plan, number)
    writer.justify_splits()
    return root


def _copy_settings(root: Path) -> dict[str, Any]:
    (root / "opportunities").mkdir()
    shutil.copyfile(REPO / "opportunities" / "marketplace.yaml", root / "opportunities" / "marketplace.yaml")
    shutil.copytree(REPO / "schema", root / "schema")
    loaded = load_file(root / "opportunities" / "marketplace.yaml")
    if isinstance(loaded, Problem):
        raise ValueError(f"cannot read the marketplace settings: {loaded.format()}")
    return loaded.data


def _kinds(count: int, rng: random.Random) -> list[tuple[int, str]]:
    """One of each kind first (so even small marketplaces show every status), then the weighted mix.

    Open, closed and awarded work is only ever the last few weeks' worth: a marketplace of many years has
    about as much of it as a marketplace of one year, so those weights shrink as the years grow.
    """
    names = list(KINDS)
    recent = min(1.0, PER_YEAR / max(count, 1))
    weights = [KINDS[name] * (recent if name in RECENT else 1.0) for name in names]
    chosen = names[:count] + rng.choices(names, weights, k=max(0, count - len(names)))
    return list(enumerate(chosen))


def _plan(index: int, kind: str, department: str, span: int, zone: ZoneInfo, rng: random.Random) -> _Plan:
    """Dates by kind, around the fixed TODAY: open ones close after it, finished ones are spread over `span` days."""
    if kind == "open":
        posted = TODAY - timedelta(days=rng.randint(0, 9))
        closing_day = TODAY + timedelta(days=rng.randint(3, 40))
    elif kind == "closed":
        closing_day = TODAY - timedelta(days=rng.randint(1, 6))
        posted = closing_day - timedelta(days=rng.randint(7, 21))
    elif kind == "awarded":
        closing_day = TODAY - timedelta(days=rng.randint(8, 40))
        posted = closing_day - timedelta(days=rng.randint(7, 21))
    else:
        posted = TODAY - timedelta(days=rng.randint(80, 80 + span))
        closing_day = posted + timedelta(days=rng.randint(7, 21))
    closing = datetime.combine(closing_day, time(rng.choice((12, 14, 16))), zone)
    start = closing_day + timedelta(days=rng.randint(1, 7))
    delivery = start + timedelta(days=rng.randint(3, 30))
    return _Plan(index, kind, department, posted, closing, start, delivery)


def _assign_ids(plans: list[_Plan]) -> None:
    """`<department>-<year of posting>-NNN`, numbered in order of posting within each department and year."""
    counters: dict[tuple[str, int], int] = {}
    for plan in sorted(plans, key=lambda p: (p.posted, p.index)):
        key = (plan.department, plan.posted.year)
        counters[key] = counters.get(key, 0) + 1
        plan.ident = opportunity_id(plan.department, plan.posted.year, counters[key])


# ---------------------------------------------------------------- writing the files


class _Writer:
    """Turns plans into opportunity.yaml, bids.yaml and award.yaml with consistent digests and draws."""

    def __init__(self, root: Path, settings: dict[str, Any], zone: ZoneInfo, rng: random.Random) -> None:
        self.root = root
        self.settings = settings
        self.zone = zone
        self.rng = rng
        self.comment_number = 1000
        self.awarded: list[Opportunity] = []

    def write(self, plan: _Plan, number: int) -> None:
        folder = self.root / "opportunities" / plan.department / plan.ident
        folder.mkdir(parents=True)
        discussion = f"https://github.com/{self.settings['repository']}/discussions/{number}"
        opportunity = self.opportunity(plan, discussion if plan.kind != "open" or number % 4 else None)
        _write(folder / "opportunity.yaml", opportunity, "opportunity")
        if plan.kind == "open" or (plan.kind == "cancelled" and self.rng.random() < 0.5):
            return
        bids, files = archive.split(self.bids(plan, opportunity, discussion))
        archive.write(folder, bids, files)
        if plan.kind in ("awarded", "completed", "terminated"):
            award = self.award(plan, opportunity, bids)
            _write(folder / "award.yaml", award, "award")
            self.awarded.append(Opportunity(str(folder), Document("", opportunity), Document(str(folder), award)))

    def justify_splits(self) -> None:
        """Random winners sometimes add up to a contract split; such awards record why they are separate,
        as a buyer would, so the marketplace stays valid (and the justification shows at scale)."""
        split = split_contracts.check(self.awarded, self.awarded, Settings(self.settings))
        for folder in sorted({problem.file for problem in split}):
            award = next(opp.award for opp in self.awarded if opp.folder == folder)
            assert award is not None
            award[split_contracts.JUSTIFICATION] = _SPLIT_JUSTIFICATION
            _write(Path(folder) / "award.yaml", award, "award")

    def opportunity(self, plan: _Plan, discussion: str | None) -> dict[str, Any]:
        rng = self.rng
        task, project, component = rng.choice(TASKS), rng.choice(PROJECTS), rng.choice(COMPONENTS)
        names = _names(project, component)
        owner = self.settings["departments"][plan.department].get("owner_org", plan.department)
        repository = f"https://github.com/{owner}/{project[3]}"
        skills = list(dict.fromkeys([project[5], *task["skills"]]))
        language = self.settings["skills"].get(project[5], {"en": project[5], "fr": project[5]})
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        domain = EMAIL_DOMAINS.get(plan.department, f"{plan.department}.gc.ca")
        data: dict[str, Any] = {
            "id": plan.ident,
            "status": STATUS_OF_KIND.get(plan.kind, plan.kind),
            "department": plan.department,
            "title": _pair(task["title"], names),
            "teaser": _pair(task["teaser"], names),
            "description": _description(task, names, repository),
            "skills": [s for s in skills if s in self.settings["skills"]] or [next(iter(self.settings["skills"]))],
            "value": rng.randrange(1500, 10001, 250),
            "repository": repository,
            "issue": f"{repository}/issues/{rng.randint(10, 900)}",
            "licence": project[4],
            "remote": True,
            "classification": "unclassified",
            "posted": plan.posted.isoformat(),
            "closing": plan.closing.isoformat(),
            "start": plan.start.isoformat(),
            "delivery": plan.delivery.isoformat(),
            "acceptance_criteria": _criteria([task["accept"], *QA]),
            "evaluation_criteria": _criteria(
                [
                    (
                        f"Has a public GitHub account with at least one merged pull request in {language['en']}.",
                        "Possède un compte GitHub public avec au moins une demande de tirage fusionnée en "
                        f"{language['fr']}.",
                    ),
                    task["evaluate"],
                ]
            ),
            "contact": {"name": f"{first.title()} {last.title()}", "email": f"{first}.{last}@{domain}"},
            "project": {"name": project[0], "url": repository},
        }
        if discussion:
            data["discussion"] = discussion
        addenda = self.addenda(plan)
        if addenda:
            data["addenda"] = addenda
        if data["status"] == "cancelled":
            data["cancellation"] = {
                "date": addenda[-1]["date"] if plan.kind == "cancelled" else plan.closing.date().isoformat(),
                "reason": _CANCELLATION[plan.kind],
            }
        return data

    def addenda(self, plan: _Plan) -> list[dict[str, Any]]:
        if self.rng.random() > 0.15 and plan.kind != "cancelled":
            return []
        last_day = min(plan.closing.date() - timedelta(days=1), TODAY)
        days = sorted(self.rng.sample(range(max(1, (last_day - plan.posted).days + 1)), k=1))
        items = [
            {
                "date": (plan.posted + timedelta(days=day)).isoformat(),
                "text": {
                    "en": "Question answered: the work may use any test framework already in the repository.",
                    "fr": "Réponse à une question : le travail peut utiliser tout cadre de test déjà présent dans "
                    "le dépôt.",
                },
            }
            for day in days
        ]
        if plan.kind == "cancelled":
            items.append(
                {
                    "date": items[-1]["date"],
                    "text": {
                        "en": "This opportunity is cancelled: the team fixed the problem while upgrading the service.",
                        "fr": "Cette occasion est annulée : l'équipe a corrigé le problème lors de la mise à niveau "
                        "du service.",
                    },
                }
            )
        return items

    def bids(self, plan: _Plan, opportunity: dict[str, Any], discussion: str) -> dict[str, Any]:
        rng = self.rng
        count = rng.choice((1, 2, 2, 3, 3, 3, 4, 5, 6)) if plan.kind != "unsuccessful" else rng.randint(1, 4)
        authors = rng.sample(_LOGINS, k=count)
        awardable = plan.kind in ("awarded", "completed", "terminated")
        bids = [
            self.bid(plan, opportunity, discussion, author, on_time=awardable and n == 0)
            for n, author in enumerate(authors)
        ]
        bids.sort(key=lambda bid: (bid["created"], bid["author"]))
        for bid in bids:  # comment numbers grow with time, as on GitHub
            self.comment_number += rng.randint(1, 50)
            bid["url"] = f"{discussion}#discussioncomment-{self.comment_number}"
            bid["comment"] = f"DC_kwDOdevex{self.comment_number}"
        taken = plan.closing.astimezone(UTC) + timedelta(minutes=rng.randint(3, 40))
        return {
            "opportunity": plan.ident,
            "discussion": discussion,
            "closing": opportunity["closing"],
            "taken": _utc(taken),
            "bids": bids,
        }

    def bid(
        self, plan: _Plan, opportunity: dict[str, Any], discussion: str, author: str, *, on_time: bool
    ) -> dict[str, Any]:
        """One discussion comment; `on_time` forces a bid before closing (an award needs one)."""
        rng = self.rng
        closing = plan.closing.astimezone(UTC)
        late = rng.random() < 0.07 and not on_time
        if late:
            created = closing + timedelta(minutes=rng.randint(1, 600))
        else:
            created = closing - timedelta(minutes=min(int(rng.expovariate(1 / 600)) + 1, 12 * 24 * 60))
        edited = not late and rng.random() < 0.06
        updated = closing + timedelta(minutes=rng.randint(1, 90)) if edited else created
        body = _bid_body(rng, author, opportunity)
        return {
            "author": author,
            "created": _utc(created),
            "updated": _utc(updated),
            "url": discussion,  # numbered once the comments are in order
            "comment": "",
            "reply_to": None,
            "body": body,
            "late": late,
            "edited_after_closing": edited,
        }

    def award(self, plan: _Plan, opportunity: dict[str, Any], bids: dict[str, Any]) -> dict[str, Any]:
        rng = self.rng
        on_time = [bid["author"] for bid in bids["bids"] if not bid["late"]]
        qualified = sorted(rng.sample(on_time, k=rng.randint(1, len(on_time))))
        selection: dict[str, Any] = {"method": "sole-qualified" if len(qualified) == 1 else "random-draw"}
        selection["qualified"] = qualified
        winner = qualified[0]
        if len(qualified) > 1:
            order = draw_order(bids["digest"], qualified)
            selection.update(seed=bids["digest"], order=order)
            declined = rng.random() < 0.1
            winner = order[1] if declined else order[0]
            selection["rationale"] = _rationale(len(qualified), order[0] if declined else None)
        awarded = plan.closing.date() + timedelta(days=rng.randint(1, 6))
        award: dict[str, Any] = {
            "opportunity": plan.ident,
            "supplier": _supplier(winner),
            "amount": opportunity["value"],
            "awarded": awarded.isoformat(),
            "selection": selection,
        }
        if len(qualified) > 1 and winner != order[0]:
            link = f"{bids['discussion']}#declined-by-{order[0]}"
            day = awarded.isoformat()
            award["previous"] = [
                {"supplier": _supplier(order[0]), "outcome": "declined", "offered": day, "declined": day, "link": link}
            ]
        award.update(self.progress(plan, opportunity, awarded))
        return award

    def progress(self, plan: _Plan, opportunity: dict[str, Any], awarded: date) -> dict[str, Any]:
        rng = self.rng
        work = f"{opportunity['repository']}/pull/{rng.randint(20, 1500)}"
        delivered = max(awarded, plan.delivery - timedelta(days=rng.randint(0, 3)))
        if plan.kind == "terminated":
            due = max(awarded, plan.delivery)
            ended = due + timedelta(days=rng.randint(5, 20))
            notice = {
                "date": (due + timedelta(days=1)).isoformat(),
                "deadline": (due + timedelta(days=4)).isoformat(),
                "text": _CURE_NOTICE,
            }
            return {"cure_notice": notice, "terminated": {"date": ended.isoformat(), "reason": _TERMINATION}}
        if plan.kind == "awarded":
            return {"work": work, "delivered": delivered.isoformat()} if delivered <= TODAY else {}
        accepted = delivered + timedelta(days=rng.randint(0, 5))
        paid = accepted + timedelta(days=rng.randint(3, 30))
        return {
            "work": work,
            "delivered": delivered.isoformat(),
            "accepted": accepted.isoformat(),
            "paid": paid.isoformat(),
        }


_SPLIT_JUSTIFICATION = {
    "en": "A separate defect, found after the earlier contract was awarded; it could not have been part of it.",
    "fr": "Un défaut distinct, découvert après l'attribution du contrat précédent; il ne pouvait pas en faire partie.",
}


def _names(project: tuple[str, ...], component: tuple[str, str]) -> dict[str, str]:
    return {
        "p_en": project[0],
        "P_en": project[0],
        "p_fr": project[1],
        "p_de_fr": project[2],
        "P_fr_cap": project[1][0].upper() + project[1][1:],
        "c_en": component[0],
        "C_en": component[0][0].upper() + component[0][1:],
        "c_fr": component[1],
        "C_fr": component[1][0].upper() + component[1][1:],
    }


def _pair(pair: tuple[str, str], names: dict[str, str]) -> dict[str, str]:
    return {"en": pair[0].format(**names), "fr": pair[1].format(**names)}


def _description(task: dict[str, Any], names: dict[str, str], repository: str) -> dict[str, str]:
    parts = [_pair(task[key], names) for key in ("problem", "task")] + [_pair(CONTEXT, names)]
    link = {"en": f"Repository: <{repository}>", "fr": f"Dépôt : <{repository}>"}
    return {lang: "\n\n".join([*(part[lang] for part in parts), link[lang]]) + "\n" for lang in ("en", "fr")}


def _criteria(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    return {"en": [pair[0] for pair in pairs], "fr": [pair[1] for pair in pairs]}


_LOGINS = [f"{first}-{last}" for first in FIRST_NAMES for last in LAST_NAMES[:10]] + [
    "maple-code-coop",
    "northwind-digital",
    "prairie-dev-studio",
    "atlantic-a11y",
    "laurentian-labs",
    "boreal-software",
]

_CURE_NOTICE = {
    "en": "The work was due on the delivery date. Deliver the pull request within three days or the contract ends.",
    "fr": "Le travail était dû à la date de livraison. Livrez la demande de tirage d'ici trois jours, sinon le "
    "contrat prend fin.",
}
_CANCELLATION = {
    "cancelled": {
        "en": "The team fixed the problem while upgrading the service.",
        "fr": "L'équipe a corrigé le problème lors de la mise à niveau du service.",
    },
    "terminated": {
        "en": "The contract was terminated without delivery; the work may be posted again.",
        "fr": "Le contrat a été résilié sans livraison; le travail pourra être affiché de nouveau.",
    },
}
_TERMINATION = {
    "en": "The supplier did not deliver by the delivery date nor by the cure notice's deadline.",
    "fr": "Le fournisseur n'a livré ni à la date prévue ni à l'échéance de l'avis de redressement.",
}


def _supplier(login: str) -> dict[str, Any]:
    """A stable legal name and postal prefix per login, so the same supplier looks the same everywhere."""
    digest = hashlib.sha256(login.encode()).hexdigest()
    if "-" in login and login.split("-")[0] in FIRST_NAMES:
        name = " ".join(part.title() for part in login.split("-"))
    else:
        name = login.replace("-", " ").title() + " Inc."
    return {"github": login, "name": name, "postal_code": POSTAL[int(digest[:8], 16) % len(POSTAL)], "country": "CA"}


def _rationale(qualified: int, declined: str | None) -> dict[str, str]:
    en = f"{qualified} applicants passed every evaluation criterion; the others did not show the required experience."
    fr = (
        f"{qualified} candidats ont satisfait à tous les critères d'évaluation; les autres n'ont pas démontré "
        "l'expérience exigée."
    )
    if declined:
        en += f" {declined}, first in the draw, declined the work, so it was offered to the runner-up."
        fr += f" {declined}, premier au tirage, a décliné le travail, qui a été offert au suivant."
    return {"en": en, "fr": fr}


def _bid_body(rng: random.Random, author: str, opportunity: dict[str, Any]) -> str:
    repo = f"https://github.com/{author}"
    if rng.random() < 0.3:
        return (
            "Bonjour! Je peux faire ce travail et le livrer avant le "
            f"{opportunity['delivery']}. J'ai corrigé des problèmes semblables dans d'autres projets libres : "
            f"{repo}?tab=repositories. Mon profil : {repo}.\n"
        )
    return (
        f"Hello, I can do this work and deliver by {opportunity['delivery']}. I have fixed similar issues in "
        f"open-source projects, for example {repo}/portfolio/pull/{rng.randint(2, 300)}. "
        "I would start by reproducing the problem in a failing test, then fix it in small commits.\n\n"
        f"Profile: {repo}\n"
    )


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _write(path: Path, data: dict[str, Any], kind: str) -> None:
    """Plain write of the project's YAML dump: the folder is new, so the atomic rename is not needed here."""
    path.write_text(dump_yaml(data, SCHEMA_HINT.format(kind=kind)), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of opportunities")
    parser.add_argument("out_dir", type=Path, help="folder to create (must be empty or absent)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    try:
        root = generate(args.out_dir, args.count, args.seed)
    except ValueError as error:
        print(f"generate: {error}", file=sys.stderr)
        return 2
    print(f"wrote {args.count} opportunities to {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
