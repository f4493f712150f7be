"""The one translation table for interface text. Content stays `{en, fr}` as in the YAML; only labels
of the interface (headings, buttons, status names) live here, each in both languages."""

from __future__ import annotations

LANGUAGES = ("en", "fr")

LABELS: dict[str, dict[str, str]] = {
    # --- statuses (shared by every stage)
    "status.open": {"en": "Open", "fr": "Ouverte"},
    "status.closed": {"en": "Closed", "fr": "Fermée"},
    "status.awarded": {"en": "Awarded", "fr": "Attribuée"},
    "status.completed": {"en": "Completed", "fr": "Terminée"},
    "status.cancelled": {"en": "Cancelled", "fr": "Annulée"},
    "status.unsuccessful": {"en": "Unsuccessful", "fr": "Infructueuse"},
    # --- site pages (render/)
    "site.copyright": {
        "en": "Opportunities and data: Open Government Licence - Canada",
        "fr": "Occasions et données : Licence du gouvernement ouvert - Canada",
    },
    "lang.switch": {"en": "Français", "fr": "English"},
    "lang.switch_title": {"en": "Lire cette page en français", "fr": "Read this page in English"},
    "lang.short": {"en": "FR", "fr": "EN"},
    "lang.heading": {"en": "Language selection", "fr": "Sélection de la langue"},
    # --- the Government of Canada's mandatory elements (site/chrome.py, overrides/partials/gc-*.html)
    "gc.skip": {"en": "Skip to main content", "fr": "Passer au contenu principal"},
    "gc.signature": {"en": "Government of Canada", "fr": "Gouvernement du Canada"},
    "gc.wordmark": {"en": "Symbol of the Government of Canada", "fr": "Symbole du gouvernement du Canada"},
    "gc.menu": {"en": "Menu", "fr": "Menu"},
    "gc.breadcrumbs": {"en": "You are here:", "fr": "Vous êtes ici :"},
    "gc.modified": {"en": "Date modified:", "fr": "Date de modification :"},
    "gc.about": {"en": "About this site", "fr": "À propos de ce site"},
    "gc.gc_heading": {"en": "Government of Canada", "fr": "Gouvernement du Canada"},
    "gc.terms": {"en": "Terms of the work", "fr": "Conditions des travaux"},
    "gc.privacy": {"en": "Privacy", "fr": "Confidentialité"},
    "gc.contact": {"en": "Contact us", "fr": "Contactez-nous"},
    "gc.canada_ca": {"en": "Canada.ca", "fr": "Canada.ca"},
    "gc.gc_terms": {"en": "Terms and conditions", "fr": "Avis"},
    "gc.gc_privacy": {"en": "Privacy", "fr": "Confidentialité"},
    "gc.not_found_title": {"en": "We couldn't find that Web page", "fr": "Nous ne pouvons trouver cette page Web"},
    "gc.not_found_code": {"en": "Error 404", "fr": "Erreur 404"},
    "gc.not_found_text": {
        "en": "We're sorry you ended up here. Sometimes a page gets moved or deleted, but hopefully we can help "
        "you find what you're looking for.",
        "fr": "Nous sommes désolés que vous ayez abouti ici. Il arrive parfois qu'une page ait été déplacée ou "
        "supprimée. Heureusement, nous pouvons vous aider à trouver ce que vous cherchez.",
    },
    "gc.not_found_home": {"en": "Return to the list of opportunities", "fr": "Retourner à la liste des occasions"},
    "gc.not_found_search": {"en": "Search the marketplace", "fr": "Rechercher dans le marché"},
    # --- search (overrides/partials/devex-search.html, assets/javascripts/search.js; {count} and {what} filled in
    # the browser). The placeholder fits the field on a 375 px phone: "Rechercher" did not (83 px in 78 px).
    "search.label": {"en": "Search opportunities and guides", "fr": "Rechercher des occasions et des guides"},
    "search.placeholder": {"en": "Search", "fr": "Chercher"},
    "search.submit": {"en": "Search", "fr": "Rechercher"},
    "search.results": {"en": "Search results", "fr": "Résultats de la recherche"},
    "search.opportunities": {"en": "Opportunities", "fr": "Occasions"},  # the heading of each group of results
    "search.guides": {"en": "Guides", "fr": "Guides"},
    "search.none": {"en": "No opportunity or guide matches", "fr": "Aucune occasion ni aucun guide ne correspond"},
    "search.found": {"en": "Found {what}", "fr": "Résultats : {what}"},  # {what}: the counts below, joined by "and"
    "search.and": {"en": "and", "fr": "et"},
    "search.opportunity_one": {"en": "1 opportunity", "fr": "1 occasion"},
    "search.opportunity_many": {"en": "{count} opportunities", "fr": "{count} occasions"},
    "search.guide_one": {"en": "1 guide", "fr": "1 guide"},
    "search.guide_many": {"en": "{count} guides", "fr": "{count} guides"},
    "search.closing": {"en": "Closing date: {date}", "fr": "Date de clôture : {date}"},  # in each opportunity result
    "search.loading": {"en": "Searching…", "fr": "Recherche…"},
    "search.failed": {"en": "Search is unavailable", "fr": "La recherche n’est pas disponible"},
    # the search page (render/search_page.py): where the form leads without JavaScript
    "search.page_title": {"en": "Search", "fr": "Recherche"},
    "search.needs_script": {
        "en": "Searching this site needs JavaScript, which is turned off or blocked in your browser.",
        "fr": "La recherche dans ce site a besoin de JavaScript, qui est désactivé ou bloqué dans votre navigateur.",
    },
    "search.use_field": {
        "en": "Type your words in the search field at the top of the page: the results show under it.",
        "fr": "Tapez vos mots dans le champ de recherche en haut de la page : les résultats s’affichent dessous.",
    },
    "search.browse": {
        "en": "You can also browse the opportunities and guides:",
        "fr": "Vous pouvez aussi parcourir les occasions et les guides :",
    },
    "nav.home": {"en": "Opportunities", "fr": "Occasions"},
    "nav.archive": {"en": "Archive", "fr": "Archives"},
    "nav.departments": {"en": "Departments", "fr": "Ministères"},
    "nav.skills": {"en": "Skills", "fr": "Compétences"},
    "nav.guides": {"en": "Guides", "fr": "Guides"},
    "nav.suppliers": {"en": "For suppliers", "fr": "Pour les fournisseurs"},
    "nav.buyers": {"en": "For buyers", "fr": "Pour les acheteurs"},
    "nav.terms": {"en": "Terms", "fr": "Conditions"},
    "nav.selection": {"en": "How the draw works", "fr": "Fonctionnement du tirage"},
    "nav.follow": {"en": "Follow new opportunities", "fr": "Suivre les nouvelles occasions"},
    # --- the page on following new opportunities (render/follow.py)
    "follow.title": {"en": "Follow new opportunities", "fr": "Suivre les nouvelles occasions"},
    "follow.intro": {
        "en": "Be told when an opportunity is posted, changed or awarded, without coming back to look.",
        "fr": "Soyez averti quand une occasion est publiée, modifiée ou attribuée, sans revenir vérifier.",
    },
    "follow.feeds": {"en": "Feeds", "fr": "Fils"},
    "follow.feeds_text": {
        "en": "Add an Atom feed to your feed reader (or a service that sends feeds by e-mail): every skill and "
        "every department has its own, so you follow only the work you can do. Everything:",
        "fr": "Ajoutez un fil Atom à votre lecteur de fils (ou à un service qui envoie les fils par courriel) : "
        "chaque compétence et chaque ministère a le sien, pour ne suivre que le travail que vous savez faire. "
        "Tout :",
    },
    "follow.all": {"en": "all opportunities", "fr": "toutes les occasions"},
    "follow.calendar": {"en": "Calendar", "fr": "Calendrier"},
    "follow.calendar_text": {
        "en": "Subscribe to the calendar of closing times in your calendar application (iCalendar):",
        "fr": "Abonnez-vous au calendrier des heures de clôture dans votre application de calendrier (iCalendar) :",
    },
    "follow.email": {"en": "E-mail", "fr": "Courriel"},
    "follow.email_text": {
        "en": "Every opportunity has a Discussion on GitHub, where questions are answered. To get an e-mail for "
        "each, watch the repository (Watch, Custom, Discussions) with your GitHub account:",
        "fr": "Chaque occasion a une discussion sur GitHub, où les questions trouvent réponse. Pour recevoir un "
        "courriel pour chacune, surveillez le dépôt (Watch, Custom, Discussions) avec votre compte GitHub :",
    },
    "follow.discussions": {"en": "the marketplace's Discussions", "fr": "les discussions du marché"},
    "nav.format": {"en": "File format reference", "fr": "Référence du format des fichiers"},
    "nav.privacy": {"en": "Privacy", "fr": "Confidentialité"},
    "nav.contact": {"en": "Contact us", "fr": "Contactez-nous"},
    # --- the guides' page (render/guides_index.py): what each guide answers
    "guides.intro": {
        "en": "How the marketplace works, for suppliers, buyers and anyone checking how work is awarded.",
        "fr": "Le fonctionnement du marché, pour les fournisseurs, les acheteurs et quiconque vérifie comment "
        "les travaux sont attribués.",
    },
    "guides.suppliers": {
        "en": "Find work, apply in a Discussion, deliver a pull request and get paid.",
        "fr": "Trouver du travail, postuler dans une discussion, livrer une demande de tirage et être payé.",
    },
    "guides.buyers": {
        "en": "Post an opportunity, evaluate applications, accept the work and pay.",
        "fr": "Publier une occasion, évaluer les candidatures, accepter les travaux et payer.",
    },
    "guides.selection": {
        "en": "How the supplier is drawn at random among qualified applicants, and how to check a draw.",
        "fr": "Comment le fournisseur est tiré au sort parmi les candidats qualifiés, et comment vérifier un tirage.",
    },
    "guides.terms": {
        "en": "The terms every contract awarded here is made on.",
        "fr": "Les conditions de tout contrat attribué ici.",
    },
    "guides.follow": {
        "en": "Feeds, a calendar and e-mail notices for new opportunities.",
        "fr": "Fils, calendrier et avis par courriel des nouvelles occasions.",
    },
    "guides.file-format": {
        "en": "Every field of the opportunity and award files, for buyers and for re-users of the data.",
        "fr": "Chaque champ des fichiers d'occasion et d'attribution, pour les acheteurs et les réutilisateurs.",
    },
    "guides.privacy": {
        "en": "What this site publishes about you, and what it does not collect.",
        "fr": "Ce que ce site publie à votre sujet, et ce qu'il ne recueille pas.",
    },
    "guides.contact": {
        "en": "Where to ask a question about an opportunity, the marketplace or this site.",
        "fr": "Où poser une question sur une occasion, le marché ou ce site.",
    },
    "home.title": {"en": "Opportunities", "fr": "Occasions"},
    "home.intro": {
        "en": "Fixed-price, remote work on open-source code for the Government of Canada, {threshold} or less, "
        "taxes included. Ask questions and apply in each opportunity's GitHub Discussion.",
        "fr": "Du travail à prix fixe, à distance, sur du code source ouvert pour le gouvernement du Canada, "
        "d'au plus {threshold}, taxes incluses. Posez vos questions et postulez dans la discussion GitHub "
        "de chaque occasion.",
    },
    "home.guides": {
        "en": "New here? Read the guide {suppliers} or the guide {buyers}.",
        "fr": "Nouveau? Lisez le guide {suppliers} ou le guide {buyers}.",
    },
    "archive.title": {
        "en": "Archive: past opportunities and awards",
        "fr": "Archives : occasions passées et attributions",
    },
    "archive.intro": {
        "en": "Opportunities that are closed, awarded, completed, cancelled or unsuccessful, most recent first.",
        "fr": "Occasions fermées, attribuées, terminées, annulées ou infructueuses, "
        "des plus récentes aux plus anciennes.",
    },
    "departments.intro": {
        "en": "Departments that post opportunities, with the number of opportunities of each.",
        "fr": "Ministères qui publient des occasions, avec le nombre d'occasions de chacun.",
    },
    "skills.intro": {
        "en": "Skills that opportunities ask for, with the number of opportunities that need each.",
        "fr": "Compétences demandées par les occasions, avec le nombre d'occasions qui exigent chacune.",
    },
    "department.intro": {"en": "Opportunities posted by {name}.", "fr": "Occasions publiées par {name}."},
    "skill.title": {"en": "Skill: {name}", "fr": "Compétence : {name}"},
    "skill.intro": {"en": "Opportunities that need {name}.", "fr": "Occasions qui exigent la compétence {name}."},
    "listing.empty": {"en": "No opportunities here yet.", "fr": "Aucune occasion ici pour l'instant."},
    "listing.count": {"en": "{count}", "fr": "{count}"},
    "pager.label": {"en": "Pages of the list", "fr": "Pages de la liste"},
    "pager.previous": {"en": "Previous page", "fr": "Page précédente"},
    "pager.next": {"en": "Next page", "fr": "Page suivante"},
    "pager.position": {"en": "Page {number} of {total}", "fr": "Page {number} sur {total}"},
    "pager.title": {"en": "{title}, page {number}", "fr": "{title}, page {number}"},
    "card.department": {"en": "Department:", "fr": "Ministère :"},
    "card.skills": {"en": "Skills:", "fr": "Compétences :"},
    "filters.title": {"en": "Filter opportunities", "fr": "Filtrer les occasions"},
    "filters.active_one": {"en": "(1 active)", "fr": "(1 actif)"},
    "filters.active_other": {"en": "({count} active)", "fr": "({count} actifs)"},
    "filters.skill": {"en": "Skill", "fr": "Compétence"},
    "filters.any_skill": {"en": "Any skill", "fr": "Toutes les compétences"},
    "filters.department": {"en": "Department", "fr": "Ministère"},
    "filters.any_department": {"en": "Any department", "fr": "Tous les ministères"},
    "filters.status": {"en": "Status", "fr": "État"},
    "filters.any_status": {"en": "Any status", "fr": "Tous les états"},
    "filters.min": {"en": "Minimum value ($)", "fr": "Valeur minimale ($)"},
    "filters.max": {"en": "Maximum value ($)", "fr": "Valeur maximale ($)"},
    "filters.clear": {"en": "Clear filters", "fr": "Effacer les filtres"},
    "filters.show": {"en": "Show results", "fr": "Afficher les résultats"},
    "filters.count_one": {"en": "1 opportunity matches.", "fr": "1 occasion correspond."},
    "filters.count_other": {"en": "{count} opportunities match.", "fr": "{count} occasions correspondent."},
    "filters.none": {
        "en": "No opportunity matches these filters.",
        "fr": "Aucune occasion ne correspond à ces filtres.",
    },
    "filters.more": {"en": "Show more", "fr": "Afficher plus"},
    "time.closed": {"en": "Closed", "fr": "Fermée"},
    "time.closes": {"en": "Closes", "fr": "Ferme le"},
    "time.hour_left": {"en": "1 hour left", "fr": "1 heure restante"},
    "time.hours_left": {"en": "{count} hours left", "fr": "{count} heures restantes"},
    "time.days_left": {"en": "{count} days left", "fr": "{count} jours restants"},
    # {link} and {links}: links to the other opportunities' pages, made by render/opportunity.py
    "opp.replaces": {
        "en": "This opportunity posts again the work of {link}.",
        "fr": "Cette occasion affiche de nouveau le travail de {link}.",
    },
    "opp.replaced_by": {
        "en": "The work of this opportunity was posted again as {links}.",
        "fr": "Le travail de cette occasion a été affiché de nouveau : {links}.",
    },
    # --- applying (render/application.py; the application line itself is archive.applications.APPLICATION_LINE)
    "opp.apply": {"en": "Apply in the discussion", "fr": "Postuler dans la discussion"},
    "opp.ask": {"en": "Ask a question", "fr": "Poser une question"},
    "opp.how_to_apply": {"en": "How to apply", "fr": "Comment postuler"},
    "opp.apply_rule": {
        "en": "Apply with a new comment in the opportunity's GitHub Discussion, sealed or in public (below). "
        "Only a top-level comment (not a reply) whose first line is {line}, posted before {closing}, counts as an "
        "application.",
        "fr": "Postulez par un nouveau commentaire dans la discussion GitHub de l'occasion, sous pli scellé ou en "
        "public (ci-dessous). Seul un commentaire de premier niveau (pas une réponse) dont la première ligne est "
        "{line}, publié avant le {closing}, compte comme candidature.",
    },
    "opp.question_rule": {
        "en": "Ask questions in replies, or in a separate comment that does not start with that line: questions "
        "are never evaluated.",
        "fr": "Posez vos questions en réponse, ou dans un commentaire distinct qui ne commence pas par cette "
        "ligne : les questions ne sont jamais évaluées.",
    },
    "opp.template.criteria": {
        "en": "How I meet each evaluation criterion:",
        "fr": "Comment je satisfais à chaque critère d'évaluation :",
    },
    "opp.template.evidence": {"en": "Evidence: [link or explanation]", "fr": "Preuve : [lien ou explication]"},
    "opp.template.profile": {
        "en": "My GitHub profile and links to my public work: [links]",
        "fr": "Mon profil GitHub et des liens vers mes travaux publics : [liens]",
    },
    "opp.copy": {"en": "Copy the template", "fr": "Copier le modèle"},
    "opp.copied": {
        "en": "Template copied. Paste it into a new comment in the discussion.",
        "fr": "Modèle copié. Collez-le dans un nouveau commentaire de la discussion.",
    },
    "opp.copy_failed": {
        "en": "The browser did not allow copying: the template is selected, copy it with Ctrl+C (Command+C on a Mac).",
        "fr": "Le navigateur n'a pas permis la copie : le modèle est sélectionné, copiez-le avec Ctrl+C (Commande+C "
        "sur un Mac).",
    },
    "opp.discussion": {"en": "Read the questions and applications", "fr": "Lire les questions et les candidatures"},
    "opp.apply_pending": {
        "en": "The discussion for questions and applications opens shortly after posting.",
        "fr": "La discussion pour les questions et les candidatures ouvre peu après la publication.",
    },
    # --- sealed applications (issue 25): the Apply form (render/sealed_form.py, assets/javascripts/seal.js)
    "seal.heading": {"en": "Apply sealed", "fr": "Postuler sous pli scellé"},
    "seal.intro": {
        "en": "Write your application here and seal it. Your browser encrypts it on this page: nothing is sent "
        "anywhere. Then post the sealed text as a new comment in the discussion, as any application.",
        "fr": "Rédigez votre candidature ici et scellez-la. Votre navigateur la chiffre sur cette page : rien n'est "
        "envoyé nulle part. Publiez ensuite le texte scellé comme nouveau commentaire dans la discussion, comme toute "
        "candidature.",
    },
    "seal.visible": {
        "en": "What stays visible: your GitHub account, the time you post, and that you applied.",
        "fr": "Ce qui reste visible : votre compte GitHub, le moment de la publication et le fait que vous avez "
        "postulé.",
    },
    "seal.sealed": {
        "en": "What is sealed: the text of your application. Nobody can read it before the closing, not the buyer, "
        "not the marketplace's team, not other suppliers. At the closing it opens with a round of the drand public "
        "beacon; from then on it is public for good, on this page and in the archive, and anyone can check it.",
        "fr": "Ce qui est scellé : le texte de votre candidature. Personne ne peut le lire avant la clôture, ni "
        "l'acheteur, ni l'équipe du marché, ni les autres fournisseurs. À la clôture, il s'ouvre avec une ronde de la "
        "balise publique drand; il est alors public pour de bon, sur cette page et dans l'archive, et chacun peut le "
        "vérifier.",
    },
    # {closing}: the closing time (a <time>); {round}: the round, filled in by seal.js
    "seal.until": {
        "en": "Sealed until the closing, {closing}: beacon round {round}.",
        "fr": "Scellée jusqu'à la clôture, le {closing} : ronde {round} de la balise.",
    },
    "seal.answers": {
        "en": "Your answer to each evaluation criterion",
        "fr": "Votre réponse à chaque critère d'évaluation",
    },
    "seal.profile": {
        "en": "My GitHub profile and links to my public work",
        "fr": "Mon profil GitHub et des liens vers mes travaux publics",
    },
    "seal.profile_heading": {
        "en": "My GitHub profile and links to my public work:",
        "fr": "Mon profil GitHub et des liens vers mes travaux publics :",
    },
    "seal.button": {"en": "Seal my application", "fr": "Sceller ma candidature"},
    "seal.working": {"en": "Sealing your application…", "fr": "Scellement de votre candidature…"},
    "seal.done": {
        "en": "Sealed. Copy the sealed text below and post it as a new comment in the discussion.",
        "fr": "Scellée. Copiez le texte scellé ci-dessous et publiez-le comme nouveau commentaire dans la discussion.",
    },
    "seal.empty": {
        "en": "Nothing to seal yet: write your answers first.",
        "fr": "Rien à sceller pour l'instant : rédigez d'abord vos réponses.",
    },
    # {size}: the sealed text's length in characters, filled in by seal.js
    "seal.too_long": {
        "en": "The sealed text is {size} characters, more than a GitHub comment holds (65,536): shorten your "
        "answers, or link to longer documents.",
        "fr": "Le texte scellé compte {size} caractères, plus qu'un commentaire GitHub n'en contient (65 536) : "
        "raccourcissez vos réponses, ou liez des documents plus longs.",
    },
    "seal.failed": {
        "en": "This browser could not seal the application. Reload the page and try again, or apply in public.",
        "fr": "Ce navigateur n'a pas pu sceller la candidature. Rechargez la page et réessayez, ou postulez en public.",
    },
    "seal.closed": {
        "en": "This opportunity has closed: applications are no longer received, sealed or not.",
        "fr": "Cette occasion est fermée : les candidatures ne sont plus reçues, scellées ou non.",
    },
    "seal.result": {"en": "Your sealed application", "fr": "Votre candidature scellée"},
    "seal.output": {
        "en": "Sealed application, to post as it is",
        "fr": "Candidature scellée, à publier telle quelle",
    },
    "seal.copy": {"en": "Copy the sealed application", "fr": "Copier la candidature scellée"},
    "seal.copied": {
        "en": "Sealed application copied. Paste it into a new comment in the discussion.",
        "fr": "Candidature scellée copiée. Collez-la dans un nouveau commentaire de la discussion.",
    },
    "seal.copy_failed": {
        "en": "The browser did not allow copying: the sealed text is selected, copy it with Ctrl+C (Command+C on a "
        "Mac).",
        "fr": "Le navigateur n'a pas permis la copie : le texte scellé est sélectionné, copiez-le avec Ctrl+C "
        "(Commande+C sur un Mac).",
    },
    "seal.post": {"en": "Post it as a new comment", "fr": "Le publier comme nouveau commentaire"},
    "seal.keep": {
        "en": "Keep a copy of your answers: the page does not keep them, and nobody can open the sealed text for you "
        "before the closing.",
        "fr": "Gardez une copie de vos réponses : la page ne les conserve pas, et personne ne peut ouvrir le texte "
        "scellé pour vous avant la clôture.",
    },
    "seal.nojs": {
        "en": "Sealing happens in your browser and needs JavaScript, which is off here. You can still apply in "
        "public with the template below.",
        "fr": "Le scellement se fait dans votre navigateur et demande JavaScript, désactivé ici. Vous pouvez tout de "
        "même postuler en public avec le modèle ci-dessous.",
    },
    "public.heading": {"en": "Apply in public", "fr": "Postuler en public"},
    "public.intro": {
        "en": "A plain application: everyone can read it in the discussion as soon as you post it.",
        "fr": "Une candidature en clair : tout le monde peut la lire dans la discussion dès sa publication.",
    },
    # --- after closing, the applications the archive keeps (render/received.py)
    "received.heading": {"en": "Applications received", "fr": "Candidatures reçues"},
    "received.intro": {
        "en": "Every application received before the closing, as the archive keeps it, in the order posted. Sealed "
        "applications were opened at the closing with the beacon's round.",
        "fr": "Chaque candidature reçue avant la clôture, telle que l'archive la conserve, dans l'ordre de "
        "publication. Les candidatures scellées ont été ouvertes à la clôture avec la ronde de la balise.",
    },
    # {author}: a link to the GitHub profile; {time}: a <time>; {comment}: a link to the comment
    "received.by": {"en": "{author}, {time} ({comment})", "fr": "{author}, le {time} ({comment})"},
    "received.sealed": {"en": "sealed", "fr": "scellée"},
    "received.public": {"en": "public", "fr": "publique"},
    "received.unreadable": {
        "en": "Sealed, but it could not be opened at the closing: {reason}. It was received on time, yet nobody "
        "can read it, so it cannot meet a criterion.",
        "fr": "Scellée, mais elle n'a pas pu être ouverte à la clôture : {reason}. Elle a été reçue à temps, mais "
        "personne ne peut la lire; elle ne peut donc satisfaire à aucun critère.",
    },
    "received.problem.not-sealed": {
        "en": "the text is not a sealed application as the Apply form writes it",
        "fr": "le texte n'est pas une candidature scellée comme l'écrit le formulaire",
    },
    "received.problem.another-chain": {
        "en": "it was sealed to another beacon than the marketplace's",
        "fr": "elle a été scellée pour une autre balise que celle du marché",
    },
    "received.problem.another-round": {
        "en": "it was sealed to another round than the first at or after the closing time",
        "fr": "elle a été scellée pour une autre ronde que la première à l'heure de clôture ou après",
    },
    "received.copied": {
        "en": "Sealed, but the same sealed text as an application another account wrote before it: it opens to "
        "their answers, so it is not opened as this account's and cannot meet a criterion.",
        "fr": "Scellée, mais c'est le même texte scellé qu'une candidature écrite avant elle par un autre compte : "
        "elle s'ouvre sur ses réponses; elle n'est donc pas ouverte comme celle de ce compte et ne peut satisfaire "
        "à aucun critère.",
    },
    "received.problem.tampered": {
        "en": "the beacon's round does not open it: it was altered after it was sealed",
        "fr": "la ronde de la balise ne l'ouvre pas : elle a été modifiée après son scellement",
    },
    "opp.facts": {"en": "Key facts", "fr": "En bref"},
    "opp.value_note": {"en": "CAD, taxes included", "fr": "CAD, taxes incluses"},
    "opp.closing": {"en": "Closing", "fr": "Clôture"},  # the time names its zone and offset
    "opp.department": {"en": "Department", "fr": "Ministère"},
    "opp.skills": {"en": "Skills", "fr": "Compétences"},
    "opp.project": {"en": "Project", "fr": "Projet"},
    "opp.repository": {"en": "Repository", "fr": "Dépôt"},
    "opp.issue": {"en": "Issue", "fr": "Billet"},
    "opp.licence": {"en": "Licence of the work", "fr": "Licence du travail"},
    "opp.remote_unclassified": {"en": "Remote, unclassified", "fr": "À distance, non classifié"},
    "opp.posted": {"en": "Posted", "fr": "Publiée le"},
    "opp.start": {"en": "Start", "fr": "Début"},
    "opp.delivery": {"en": "Delivery", "fr": "Livraison"},
    "opp.contact": {"en": "Contact", "fr": "Personne-ressource"},
    "opp.id": {"en": "Identifier", "fr": "Identifiant"},
    "opp.description": {"en": "Description", "fr": "Description"},
    "opp.cancelled": {"en": "Cancelled on {date}", "fr": "Annulée le {date}"},
    "opp.corrections": {"en": "Corrections", "fr": "Corrections"},
    "opp.archive_notices": {"en": "Edits to the archived comments", "fr": "Modifications des commentaires archivés"},
    "opp.edited_by_others": {
        "en": "The comment of {author} ({comment}) was edited by {editors}, not by its author.",
        "fr": "Le commentaire de {author} ({comment}) a été modifié par {editors}, et non par son auteur.",
    },
    "opp.history_incomplete": {
        "en": "GitHub's history of the comment of {author} ({comment}) could not show its text at closing: the "
        "archive holds the latest text known from before closing.",
        "fr": "L'historique de GitHub du commentaire de {author} ({comment}) ne montre pas son texte à la clôture : "
        "l'archive conserve le dernier texte connu d'avant la clôture.",
    },
    "opp.comment": {"en": "comment", "fr": "commentaire"},
    "opp.corrections_note": {
        "en": "The marketplace's maintainers corrected records of this opportunity that automation or a bypassed "
        "check got wrong. Each correction is kept as made.",
        "fr": "Les responsables du marché ont corrigé des dossiers de cette occasion que l'automatisation ou une "
        "vérification contournée avait faussés. Chaque correction est conservée telle quelle.",
    },
    "opp.correction": {
        "en": "{date}, by {by}, files: {files}",
        "fr": "{date}, par {by}, fichiers : {files}",
    },
    "opp.addenda": {"en": "Addenda", "fr": "Addenda"},
    "opp.addendum": {"en": "Addendum of {date}", "fr": "Addenda du {date}"},
    "opp.acceptance": {"en": "Acceptance criteria for the work", "fr": "Critères d'acceptation du travail"},
    "opp.acceptance_met": {
        "en": "All acceptance criteria were met when the work was accepted on {date}.",
        "fr": "Tous les critères d'acceptation étaient remplis quand le travail a été accepté le {date}.",
    },
    "opp.evaluation": {"en": "Evaluation criteria", "fr": "Critères d'évaluation"},
    "opp.evaluation_note": {
        "en": "Each criterion is pass or fail: an application must meet all of them to qualify.",
        "fr": "Chaque critère est évalué par réussite ou échec : une candidature doit tous les remplir "
        "pour être retenue.",
    },
    "award.title": {"en": "Award", "fr": "Attribution"},
    "award.supplier": {"en": "Supplier", "fr": "Fournisseur"},
    "award.amount": {"en": "Amount (CAD, taxes included)", "fr": "Montant (CAD, taxes incluses)"},
    "award.awarded": {"en": "Awarded", "fr": "Attribuée le"},
    "award.selection": {"en": "Selection", "fr": "Sélection"},
    "award.method.random-draw": {
        "en": "Random draw among {count} qualified applicants",
        "fr": "Tirage au sort parmi {count} candidats qualifiés",
    },
    "award.method.sole-qualified": {"en": "The only qualified applicant", "fr": "Seul candidat qualifié"},
    "award.applications": {"en": "Applications", "fr": "Candidatures"},
    "award.applications_count": {"en": "{count} on time, {late} late", "fr": "{count} à temps, {late} en retard"},
    "award.work": {"en": "Delivered work", "fr": "Travail livré"},
    "award.delivered": {"en": "Delivered", "fr": "Livré le"},
    "award.accepted": {"en": "Accepted", "fr": "Accepté le"},
    "award.paid": {"en": "Paid", "fr": "Payé le"},
    "award.rationale": {"en": "Rationale", "fr": "Justification"},
    "award.terminated": {"en": "Contract terminated on {date}", "fr": "Contrat résilié le {date}"},
    "award.cure_notice": {
        "en": "Cure notice sent on {date}: deliver by {deadline}",
        "fr": "Avis de redressement envoyé le {date} : livrer au plus tard le {deadline}",
    },
    "award.cure_notice_link": {"en": "The notice as posted", "fr": "L'avis tel que publié"},
    "award.previous": {"en": "Earlier attempts", "fr": "Tentatives antérieures"},
    "award.previous_intro": {
        "en": "Each applicant passed over in the draw order, oldest first. The work then goes to the next "
        "qualified applicant in the order.",
        "fr": "Chaque candidat écarté dans l'ordre du tirage, du plus ancien au plus récent. Le travail va ensuite "
        "au candidat qualifié suivant dans l'ordre.",
    },
    "award.attempt.declined": {
        "en": "Attempt {number}: declined on {date}",
        "fr": "Tentative {number} : refusée le {date}",
    },
    "award.attempt.terminated": {
        "en": "Attempt {number}: contract terminated on {date}",
        "fr": "Tentative {number} : contrat résilié le {date}",
    },
    "award.attempt.no-answer": {
        "en": "Attempt {number}: no answer by {date}",
        "fr": "Tentative {number} : aucune réponse au plus tard le {date}",
    },
    "award.answer": {"en": "Supplier's answer", "fr": "Réponse du fournisseur"},
    "award.answer.accepted": {"en": "Accepted on {date}", "fr": "Acceptée le {date}"},
    "award.answer.declined": {"en": "Declined on {date}", "fr": "Refusée le {date}"},
    "award.answer_link": {"en": "the supplier's comment", "fr": "le commentaire du fournisseur"},
    "award.offered": {"en": "Offered", "fr": "Offert le"},
    "award.attempt_link.declined": {"en": "Their comment declining", "fr": "Son commentaire de refus"},
    "award.attempt_link.terminated": {"en": "Termination notice", "fr": "Avis de résiliation"},
    "stats.attempts": {"en": "Contract attempts", "fr": "Tentatives de contrat"},
    "stats.attempts_intro": {
        "en": "A contract does not always go to the first winner. When a winner declines, does not answer the "
        "offer in time, or has their contract ended after a warning (a cure notice), the work is offered to the "
        "next qualified applicant in the order of the draw. Every such offer is counted here.",
        "fr": "Un contrat ne va pas toujours au premier gagnant. Quand un gagnant refuse, ne répond pas à l'offre "
        "à temps ou voit son contrat résilié après un avertissement (un avis de redressement), le travail est "
        "offert au candidat qualifié suivant dans l'ordre du tirage. Chacune de ces offres est comptée ici.",
    },
    "stats.attempts_number": {"en": "Number", "fr": "Nombre"},
    "stats.attempts.offers": {
        "en": "Offers of the work (awards and earlier attempts)",
        "fr": "Offres du travail (attributions et tentatives antérieures)",
    },
    "stats.attempts.declined": {"en": "Declined by the applicant", "fr": "Refusées par le candidat"},
    "stats.attempts.no_answer": {
        "en": "Not answered by the offer's deadline",
        "fr": "Sans réponse à l'échéance de l'offre",
    },
    "stats.attempts.cure_notices": {"en": "Cure notices sent", "fr": "Avis de redressement envoyés"},
    "stats.attempts.terminated": {"en": "Contracts terminated", "fr": "Contrats résiliés"},
    "stats.attempts.next_awards": {
        "en": "Awards to the next in the draw order",
        "fr": "Attributions au suivant dans l'ordre du tirage",
    },
    "stats.cancellations": {"en": "Cancellations", "fr": "Annulations"},
    "stats.cancellations_intro": {
        "en": "Every cancelled opportunity gives its reason on its page. Once the evaluation results are locked "
        "in, the winner is drawn at random among the qualified applicants. Cancelling after that point could "
        "be a way to stop a result someone did not want, so each such cancellation is listed here for you to "
        "check.",
        "fr": "Chaque occasion annulée donne son motif sur sa page. Une fois les résultats de l'évaluation figés, "
        "le gagnant est tiré au sort parmi les candidats qualifiés. Annuler après ce moment pourrait servir à "
        "empêcher un résultat qui ne convenait pas à quelqu'un : chacune de ces annulations est donc énumérée "
        "ici pour que vous puissiez la vérifier.",
    },
    "stats.cancellations.all": {"en": "Opportunities cancelled", "fr": "Occasions annulées"},
    "stats.cancellations.after_commitment": {
        "en": "Cancelled after the evaluation was committed",
        "fr": "Annulées après l'engagement sur l'évaluation",
    },
    "stats.cancellations.review_title": {
        "en": "To review: cancelled after the commitment",
        "fr": "À examiner : annulées après l'engagement",
    },
    "stats.cancellations.review": {
        "en": "Cancellations after the commitment: {count}. For each, compare the reason on its page with its "
        "evaluation and its draw.",
        "fr": "Annulations après l'engagement : {count}. Pour chacune, comparez le motif donné sur sa page avec "
        "son évaluation et son tirage.",
    },
    "stats.cancellations.opportunity": {"en": "Opportunity", "fr": "Occasion"},
    "stats.cancellations.committed": {"en": "Commitment recorded", "fr": "Engagement enregistré le"},
    "stats.cancellations.cancelled": {"en": "Cancelled", "fr": "Annulée le"},
    "stats.cancellations.drawn": {"en": "Draw made", "fr": "Tirage effectué"},
    # --- the evaluation and the draw on an opportunity's page (render/selection_record.py)
    "sel.evaluation": {"en": "Evaluation results", "fr": "Résultats de l'évaluation"},
    "sel.evaluation_intro": {
        "en": "Every on-time applicant, each evaluation criterion, pass or fail and why. An applicant who passes "
        "every criterion is qualified for the draw.",
        "fr": "Chaque candidat à temps, chaque critère d'évaluation, réussite ou échec et pourquoi. Le candidat qui "
        "réussit tous les critères est qualifié pour le tirage.",
    },
    "sel.qualified": {"en": "qualified", "fr": "qualifié"},
    "sel.not_qualified": {"en": "not qualified", "fr": "non qualifié"},
    "sel.criterion": {"en": "Criterion", "fr": "Critère"},
    "sel.result": {"en": "Result", "fr": "Résultat"},
    "sel.reason": {"en": "Reason", "fr": "Justification"},
    "sel.result.pass": {"en": "Pass", "fr": "Réussi"},
    "sel.result.fail": {"en": "Fail", "fr": "Échoué"},
    "sel.draw": {"en": "Draw", "fr": "Tirage au sort"},
    "sel.method_link": {"en": "How to check the draw yourself", "fr": "Vérifier le tirage soi-même"},
    "sel.waiting_commitment": {
        "en": "The evaluation is published; automation records the commitment and names the beacon round next.",
        "fr": "L'évaluation est publiée; l'automatisation enregistre ensuite l'engagement et désigne la ronde de "
        "la balise.",
    },
    "sel.summary.drawn.many": {
        "en": "@{login} was drawn first among {count} qualified applicants, using round {round} of the public drand "
        "randomness beacon, named in advance; anyone can check this draw.",
        "fr": "@{login} a été tiré au sort en premier parmi {count} candidats qualifiés, au moyen de la ronde {round} "
        "de la balise publique d'aléa drand, désignée à l'avance; chacun peut vérifier ce tirage.",
    },
    "sel.summary.drawn.one": {
        "en": "@{login}, the only qualified applicant, heads the order drawn using round {round} of the public drand "
        "randomness beacon, named in advance; anyone can check this draw.",
        "fr": "@{login}, seul candidat qualifié, est en tête de l'ordre tiré au moyen de la ronde {round} de la "
        "balise publique d'aléa drand, désignée à l'avance; chacun peut vérifier ce tirage.",
    },
    "sel.summary.drawn.none": {
        "en": "No applicant qualified, so round {round} of the public drand randomness beacon, named in advance, drew "
        "nobody; anyone can check this record.",
        "fr": "Aucun candidat n'était qualifié : la ronde {round} de la balise publique d'aléa drand, désignée à "
        "l'avance, n'a tiré personne; chacun peut vérifier ce dossier.",
    },
    "sel.summary.waiting.many": {
        "en": "The draw among {count} qualified applicants waits for round {round} of the public drand randomness "
        "beacon, named in advance and due {time}; anyone will be able to check it.",
        "fr": "Le tirage parmi {count} candidats qualifiés attend la ronde {round} de la balise publique d'aléa "
        "drand, désignée à l'avance et prévue le {time}; chacun pourra le vérifier.",
    },
    "sel.summary.waiting.one": {
        "en": "The draw, with one qualified applicant, waits for round {round} of the public drand randomness "
        "beacon, named in advance and due {time}; anyone will be able to check it.",
        "fr": "Le tirage, avec un seul candidat qualifié, attend la ronde {round} de la balise publique d'aléa "
        "drand, désignée à l'avance et prévue le {time}; chacun pourra le vérifier.",
    },
    "sel.summary.waiting.none": {
        "en": "No applicant qualified; round {round} of the public drand randomness beacon, named in advance and "
        "due {time}, completes the record, and anyone will be able to check it.",
        "fr": "Aucun candidat n'était qualifié; la ronde {round} de la balise publique d'aléa drand, désignée à "
        "l'avance et prévue le {time}, complétera le dossier, et chacun pourra le vérifier.",
    },
    "sel.check": {"en": "How to check this draw", "fr": "Comment vérifier ce tirage"},
    "sel.check_intro": {
        "en": "Every value below is public: recompute them, and the order, from the files and the beacon's round.",
        "fr": "Chaque valeur ci-dessous est publique : recalculez-les, et l'ordre, à partir des fichiers et de la "
        "ronde de la balise.",
    },
    "sel.committed_at": {"en": "Commitment recorded", "fr": "Engagement enregistré le"},
    "sel.commitment": {"en": "Commitment", "fr": "Engagement"},
    "sel.bids_digest": {"en": "Applications digest", "fr": "Empreinte des candidatures"},
    "sel.evaluation_digest": {"en": "Evaluation digest", "fr": "Empreinte de l'évaluation"},
    "sel.round": {"en": "Beacon round", "fr": "Ronde de la balise"},
    "sel.round_at": {"en": "{round}, produced {time}", "fr": "{round}, produite le {time}"},
    "sel.chain": {"en": "Beacon chain (drand quicknet)", "fr": "Chaîne de la balise (drand quicknet)"},
    "sel.beacon_answer": {"en": "The beacon's answer", "fr": "La réponse de la balise"},
    "sel.signature": {"en": "Signature", "fr": "Signature"},
    "sel.randomness": {"en": "Randomness", "fr": "Aléa"},
    "sel.seed": {"en": "Seed", "fr": "Germe"},
    "sel.order": {"en": "Order (winner first)", "fr": "Ordre (gagnant en premier)"},
    "award.split_justification": {
        "en": "Why this contract is separate from earlier awards to the same supplier",
        "fr": "Pourquoi ce contrat est distinct d'attributions antérieures au même fournisseur",
    },
    "ref.intro": {
        "en": "Every field of the marketplace's files, generated from the JSON Schemas in schema/ that the "
        "validator uses. Texts are given in both languages, as en: and fr:.",
        "fr": "Tous les champs des fichiers du marché, générés à partir des schémas JSON du dossier schema/ "
        "qu'utilise le validateur. Les textes sont donnés dans les deux langues, sous en: et fr:.",
    },
    "ref.field": {"en": "Field", "fr": "Champ"},
    "ref.required": {"en": "Required", "fr": "Obligatoire"},
    "ref.kind": {"en": "Kind of value", "fr": "Type de valeur"},
    "ref.description": {"en": "Description", "fr": "Description"},
    "ref.yes": {"en": "Yes", "fr": "Oui"},
    "ref.no": {"en": "No", "fr": "Non"},
    "ref.text": {"en": "text in English and French (en, fr)", "fr": "texte en anglais et en français (en, fr)"},
    "ref.list": {"en": "list in English and French (en, fr)", "fr": "liste en anglais et en français (en, fr)"},
    "ref.date": {"en": "date, YYYY-MM-DD", "fr": "date, AAAA-MM-JJ"},
    "ref.datetime": {
        "en": "date and time with UTC offset, 2026-12-01T14:00:00-05:00",
        "fr": "date et heure avec décalage UTC, 2026-12-01T14:00:00-05:00",
    },
    "ref.https_url": {"en": "web address starting with https://", "fr": "adresse Web commençant par https://"},
    "ref.github_login": {"en": "GitHub login", "fr": "identifiant GitHub"},
    "ref.opportunity_id": {"en": "id: department-year-number", "fr": "identifiant : ministère-année-numéro"},
    "ref.money": {"en": "amount in CAD, taxes included", "fr": "montant en CAD, taxes incluses"},
    "ref.enum": {"en": "one of: {values}", "fr": "l'une des valeurs : {values}"},
    "ref.const": {"en": "always {value}", "fr": "toujours {value}"},
    "ref.array": {"en": "list", "fr": "liste"},
    "ref.object": {"en": "group of fields", "fr": "groupe de champs"},
    "ref.string": {"en": "text", "fr": "texte"},
    "ref.number": {"en": "number", "fr": "nombre"},
    "ref.integer": {"en": "whole number", "fr": "nombre entier"},
    "ref.boolean": {"en": "true or false", "fr": "true ou false"},
    # --- open data and statistics (export/)
    "data.title": {"en": "Open data", "fr": "Données ouvertes"},
    "data.intro": {
        "en": "Everything on this site is also open data you can download: every opportunity, award and payment, "
        "in standard formats that spreadsheets and programs read. The files are updated with the site, so they "
        "always match what you see here, and anyone can use them to follow or check public spending.",
        "fr": "Tout ce que montre ce site est aussi offert en données ouvertes que vous pouvez télécharger : "
        "chaque occasion, attribution et paiement, dans des formats standard que lisent les tableurs et les "
        "programmes. Les fichiers sont mis à jour avec le site : ils correspondent toujours à ce que vous voyez "
        "ici, et chacun peut s'en servir pour suivre ou vérifier les dépenses publiques.",
    },
    "data.subscribe": {"en": "Subscribe to new opportunities", "fr": "S'abonner aux nouvelles occasions"},
    "data.subscribe_tip_title": {
        "en": "Hear of every new opportunity",
        "fr": "Soyez avisé de chaque nouvelle occasion",
    },
    "data.subscribe_tip": {
        "en": "You do not need to check this site every day. Add a feed below to a feed reader (or to a service "
        "that emails you feeds) to hear of every new opportunity, change and award as soon as it is posted, and "
        "add the calendar to your calendar app to see every closing time.",
        "fr": "Inutile de consulter ce site chaque jour. Ajoutez un des fils ci-dessous à un lecteur de fils (ou à "
        "un service qui vous envoie les fils par courriel) pour connaître chaque nouvelle occasion, addenda "
        "et attribution dès sa publication, et ajoutez le calendrier à votre logiciel de calendrier pour voir "
        "chaque heure de clôture.",
    },
    "data.feed_link": {
        "en": "[Atom feed in English]({link}): new opportunities, addenda and awards",
        "fr": "[Fil Atom en français]({link}) : nouvelles occasions, addenda et attributions",
    },
    "data.other_feed_link": {"en": "[Atom feed in French]({link})", "fr": "[Fil Atom en anglais]({link})"},
    "data.calendar_link": {
        "en": "[Calendar of closing times]({link}) (iCalendar, to subscribe to in any calendar application)",
        "fr": "[Calendrier des clôtures]({link}) (iCalendar, pour s'y abonner dans tout logiciel de calendrier)",
    },
    "data.downloads": {"en": "Download the data", "fr": "Télécharger les données"},
    "data.file": {"en": "File", "fr": "Fichier"},
    "data.format": {"en": "Format", "fr": "Format"},
    "data.contents": {"en": "What it holds", "fr": "Contenu"},
    "data.format.json": {"en": "JSON", "fr": "JSON"},
    "data.format.ocds": {
        "en": "Open Contracting Data Standard 1.1 (JSON)",
        "fr": "Open Contracting Data Standard 1.1 (JSON)",
    },
    "data.format.csv": {"en": "CSV (UTF-8)", "fr": "CSV (UTF-8)"},
    "data.format.atom": {"en": "Atom", "fr": "Atom"},
    "data.format.ical": {"en": "iCalendar", "fr": "iCalendar"},
    "data.format.schema": {"en": "JSON Schema", "fr": "JSON Schema"},
    "data.file.opportunities": {
        "en": "Every opportunity, its award and a summary of its bids, in one file.",
        "fr": "Chaque occasion, son attribution et un résumé des candidatures, dans un seul fichier.",
    },
    "data.file.ocds": {
        "en": "A release package with one release per event: posting, each addendum, closing, award, contract, "
        "delivery, acceptance, payment, termination or cancellation.",
        "fr": "Un paquet de publications, une par événement : affichage, chaque addenda, clôture, "
        "attribution, contrat, livraison, acceptation, paiement, résiliation ou annulation.",
    },
    "data.file.disclosure": {
        "en": "The awards as rows of the Government of Canada's proactive disclosure of contracts dataset.",
        "fr": "Les attributions sous forme de lignes du jeu de données sur la divulgation proactive des marchés "
        "du gouvernement du Canada.",
    },
    "data.file.feed": {
        "en": "New opportunities, addenda, awards and cancellations, newest first.",
        "fr": "Nouvelles occasions, addenda, attributions et annulations, les plus récentes d'abord.",
    },
    "data.file.ical": {"en": "Every closing time as a calendar event.", "fr": "Chaque clôture comme événement."},
    "data.file.schema": {
        "en": "The JSON Schema of opportunities.json.",
        "fr": "Le schéma JSON d'opportunities.json.",
    },
    "data.schemas": {
        "en": "Each opportunity is kept as a file in a public repository. The rules those files follow (such as "
        "[opportunity.schema.json]({link})) are published in the same folder, so you can read the files yourself.",
        "fr": "Chaque occasion est conservée dans un fichier d'un dépôt public. Les règles que suivent ces "
        "fichiers (comme [opportunity.schema.json]({link})) sont publiées dans le même dossier : vous pouvez "
        "ainsi lire les fichiers vous-même.",
    },
    "data.licence": {"en": "Licence", "fr": "Licence"},
    "data.licence_text": {
        "en": "All these files are published under the [{name}]({url}).",
        "fr": "Tous ces fichiers sont publiés sous la [{name}]({url}).",
    },
    "data.licence_notice": {
        "en": "Published under the Open Government Licence - Canada",
        "fr": "Publié sous la Licence du gouvernement ouvert - Canada",
    },
    "data.published": {
        "en": "The data was last updated on {date}.",
        "fr": "Les données ont été mises à jour le {date}.",
    },
    "feed.title": {"en": "New opportunities, addenda and awards", "fr": "Occasions, addenda et attributions"},
    "feed.subtitle": {
        "en": "Fixed-price open-source work for the Government of Canada",
        "fr": "Travaux à prix fixe en source ouverte pour le gouvernement du Canada",
    },
    "feed.skill_title": {"en": "Opportunities in {name}", "fr": "Occasions en {name}"},
    "feed.department_title": {"en": "Opportunities of {name}", "fr": "Occasions : {name}"},
    "feed.follow": {"en": "Follow these opportunities: Atom feed", "fr": "Suivre ces occasions : fil Atom"},
    "feed.posted": {"en": "New opportunity: {title}", "fr": "Nouvelle occasion : {title}"},
    "feed.addendum": {"en": "Addendum {number}: {title}", "fr": "Addenda {number} : {title}"},  # as opp.addendum
    "feed.awarded": {"en": "Awarded: {title}", "fr": "Attribuée : {title}"},
    "feed.cancelled": {"en": "Cancelled: {title}", "fr": "Annulée : {title}"},
    "feed.cancelled_summary": {"en": "Reason: {reason}", "fr": "Motif : {reason}"},
    "feed.posted_summary": {
        "en": "{teaser} Value: {value}. Closes {closing}.",
        "fr": "{teaser} Valeur : {value}. Clôture : {closing}.",
    },
    "feed.awarded_summary": {
        "en": "Awarded to {supplier} for {amount}.",
        "fr": "Attribuée à {supplier} pour {amount}.",
    },
    "stats.title": {"en": "Statistics", "fr": "Statistiques"},
    "stats.intro": {
        "en": "How this marketplace is doing, as of {date}: what was bought, from whom, for how much, and how "
        "fast. Every number comes from the [open data]({data}), which you can download to check it.",
        "fr": "Le bilan de ce marché au {date} : ce qui a été acheté, à qui, pour combien et en combien de temps. "
        "Chaque nombre provient des [données ouvertes]({data}), que vous pouvez télécharger pour le vérifier.",
    },
    "stats.glance": {"en": "At a glance", "fr": "En bref"},
    "stats.table_region": {"en": "{name} (table)", "fr": "{name} (tableau)"},
    "stats.measure": {"en": "Measure", "fr": "Mesure"},
    "stats.value": {"en": "Value", "fr": "Valeur"},
    "stats.opportunities": {"en": "Opportunities posted", "fr": "Occasions publiées"},
    "stats.total_awarded": {"en": "Total awarded (contracts)", "fr": "Total attribué (contrats)"},
    "stats.total_paid": {"en": "Total paid", "fr": "Total payé"},
    "stats.distinct_suppliers": {"en": "Suppliers who won a contract", "fr": "Fournisseurs ayant obtenu un contrat"},
    "stats.first_time_year": {
        "en": "Suppliers who won for the first time in the last four quarters",
        "fr": "Fournisseurs ayant gagné pour la première fois au cours des quatre derniers trimestres",
    },
    "stats.failed_share": {
        "en": "Opportunities that failed (no qualified applicant)",
        "fr": "Occasions infructueuses (aucun candidat qualifié)",
    },
    "stats.failed_value": {
        "en": "{share} ({failed} of {evaluated} evaluated)",
        "fr": "{share} ({failed} sur {evaluated} évaluées)",
    },
    "stats.cycle.posted-awarded": {
        "en": "Median days, posting to award",
        "fr": "Jours médians, affichage à attribution",
    },
    "stats.cycle.awarded-delivered": {
        "en": "Median days, award to delivery",
        "fr": "Jours médians, attribution à livraison",
    },
    "stats.cycle.delivered-paid": {
        "en": "Median days, delivery to payment",
        "fr": "Jours médians, livraison à paiement",
    },
    "stats.cycle.posted-paid": {
        "en": "Median days, posting to payment",
        "fr": "Jours médians, affichage à paiement",
    },
    "stats.whole_glance": {
        "en": "Median days, posting to payment (goal: {goal})",
        "fr": "Jours médians, affichage à paiement (objectif : {goal})",
    },
    "stats.by_status": {"en": "Opportunities by status", "fr": "Occasions par statut"},
    "stats.by_status_desc": {
        "en": "Bar chart of the number of opportunities in each status.",
        "fr": "Diagramme à barres du nombre d'occasions dans chaque statut.",
    },
    "stats.status": {"en": "Status", "fr": "Statut"},
    "stats.count": {"en": "Opportunities", "fr": "Occasions"},
    "stats.by_department": {"en": "Spending by department", "fr": "Dépenses par ministère"},
    "stats.by_department_desc": {
        "en": "Bar chart of the amount awarded by each department.",
        "fr": "Diagramme à barres du montant attribué par chaque ministère.",
    },
    "stats.department": {"en": "Department", "fr": "Ministère"},
    "stats.contracts": {"en": "Contracts", "fr": "Contrats"},
    "stats.awarded": {"en": "Awarded", "fr": "Attribué"},
    "stats.paid": {"en": "Paid", "fr": "Payé"},
    "stats.suppliers": {"en": "Spending by supplier", "fr": "Dépenses par fournisseur"},
    "stats.by_supplier": {
        "en": "The {count} suppliers awarded the most",
        "fr": "Les {count} fournisseurs ayant reçu le plus",
    },
    "stats.by_supplier_desc": {
        "en": "Bar chart of the amount awarded to each of the suppliers awarded the most.",
        "fr": "Diagramme à barres du montant attribué à chacun des fournisseurs ayant reçu le plus.",
    },
    "stats.supplier": {"en": "Supplier", "fr": "Fournisseur"},
    "stats.other_suppliers": {"en": "{count} other suppliers", "fr": "{count} autres fournisseurs"},
    "stats.whole": {"en": "From posting to payment", "fr": "De l'affichage au paiement"},
    "stats.whole_series": {"en": "Posting to payment", "fr": "De l'affichage au paiement"},
    "stats.whole_desc": {
        "en": "Bar chart of the median number of days from posting to payment of the contracts paid in each "
        "quarter, with a dashed line at the {goal}-day goal.",
        "fr": "Diagramme à barres du nombre médian de jours de l'affichage au paiement des contrats payés au cours "
        "de chaque trimestre, avec une ligne pointillée à l'objectif de {goal} jours.",
    },
    "stats.whole_note": {
        "en": "The goal is {goal} days from posting to payment: a supplier should be paid within {goal} days of "
        "the day the work was posted. The chart shows, for the contracts paid in each quarter, the median number "
        "of days that took; the dashed line marks the goal, and a bar that stops short of it met it.",
        "fr": "L'objectif est de {goal} jours de l'affichage au paiement : un fournisseur devrait être payé dans "
        "les {goal} jours suivant l'affichage du travail. Le graphique montre, pour les contrats payés au cours "
        "de chaque trimestre, le nombre médian de jours que cela a pris; la ligne pointillée marque l'objectif, "
        "et une barre qui s'arrête avant elle l'a atteint.",
    },
    "stats.paid_contracts": {"en": "Contracts paid", "fr": "Contrats payés"},
    "stats.cycles": {"en": "How long each step takes", "fr": "Durée de chaque étape"},
    "stats.cycles_desc": {
        "en": "Grouped bar chart of the median number of days from posting to award, award to delivery and "
        "delivery to payment, by the quarter in which each step ended.",
        "fr": "Diagramme à barres groupées du nombre médian de jours de l'affichage à l'attribution, de "
        "l'attribution à la livraison et de la livraison au paiement, par trimestre de fin de l'étape.",
    },
    "stats.goal": {"en": "{days}-day goal", "fr": "Objectif de {days} jours"},
    "stats.quarter": {"en": "Quarter", "fr": "Trimestre"},
    "stats.awards": {"en": "Awards", "fr": "Attributions"},
    "stats.first_time": {"en": "First-time winners", "fr": "Premiers gagnants"},
    "stats.steps_note": {
        "en": "The same time, step by step: for the steps that ended in each quarter, the median number of days "
        "from posting to award, from award to delivery and from delivery to payment. The steps have no goal "
        "of their own; the goal above is for the three together.",
        "fr": "Le même délai, étape par étape : pour les étapes terminées au cours de chaque trimestre, le nombre "
        "médian de jours de l'affichage à l'attribution, de l'attribution à la livraison et de la livraison au "
        "paiement. Les étapes n'ont pas d'objectif propre; l'objectif ci-dessus vaut pour les trois ensemble.",
    },
    # --- messages posted on GitHub (github_sync/messages.py)
    "message.value": {"en": "Value", "fr": "Valeur"},
    "message.taxes": {"en": "taxes included", "fr": "taxes incluses"},
    "message.closes": {"en": "Closes", "fr": "Clôture"},
    "message.page": {"en": "Full description", "fr": "Description complète"},
    "message.apply": {"en": "How to apply", "fr": "Comment postuler"},
    "message.apply_text": {
        "en": (
            "Apply with a new comment (not a reply) before the closing time, whose first line is exactly "
            "`Application / Candidature`, following the template below: say who you are, how you meet each "
            "evaluation criterion, and link to your public work. Only such comments are applications, and only "
            "applicants are evaluated. Ask questions as replies: answers are public. Everything is archived word "
            "for word when the opportunity closes; comments posted after the closing time are marked late, and "
            "edits made after it are marked as such."
        ),
        "fr": (
            "Postulez avant l'heure de clôture par un nouveau commentaire (pas une réponse) dont la première ligne "
            "est exactement `Application / Candidature`, en suivant le modèle ci-dessous : présentez-vous, "
            "expliquez comment vous satisfaites à chaque critère d'évaluation et donnez un lien vers vos travaux "
            "publics. Seuls ces commentaires sont des candidatures, et seuls les candidats sont évalués. Posez vos "
            "questions en réponse : les réponses sont publiques. Tout est archivé mot pour mot à la clôture; les "
            "commentaires publiés après l'heure de clôture sont marqués en retard, et les modifications faites "
            "après elle sont signalées."
        ),
    },
    "message.template": {"en": "Application template", "fr": "Modèle de candidature"},
    "message.eligibility": {"en": "Eligibility checklist", "fr": "Liste de vérification de l'admissibilité"},
    "message.eligibility.age": {
        "en": "I am an adult and a Canadian citizen, a permanent resident, or I hold a work permit.",
        "fr": "Je suis majeur et citoyen canadien, résident permanent ou titulaire d'un permis de travail.",
    },
    "message.eligibility.account": {
        "en": "I have a public GitHub account (this one).",
        "fr": "J'ai un compte GitHub public (celui-ci).",
    },
    "message.eligibility.public_servant": {
        "en": "If I am a public servant, I have written sign-off and follow the conflict-of-interest rules.",
        "fr": "Si je suis fonctionnaire, j'ai une autorisation écrite et je respecte les règles sur les conflits "
        "d'intérêts.",
    },
    "message.closed": {
        "en": "This opportunity is closed. {on_time} application(s) arrived on time and {late} late; every comment "
        "is archived in `bids.yaml` (digest `{digest}`). The discussion is locked; the buyer now evaluates each "
        "on-time application against every evaluation criterion and publishes the evaluation before any draw.",
        "fr": "Cette occasion est fermée. {on_time} candidature(s) reçue(s) à temps et {late} en retard; chaque "
        "commentaire est archivé dans `bids.yaml` (empreinte `{digest}`). La discussion est verrouillée; "
        "l'acheteur évalue maintenant chaque candidature reçue à temps selon chaque critère d'évaluation et publie "
        "l'évaluation avant tout tirage.",
    },
    "message.closed.edited_by_others": {
        "en": "The comment {url} by @{author} was edited by someone other than its author: {edits}. The archive "
        "keeps its text as it stood at the closing time and names every edit.",
        "fr": "Le commentaire {url} de @{author} a été modifié par une autre personne que son auteur : {edits}. "
        "L'archive garde son texte tel qu'il était à l'heure de clôture et nomme chaque modification.",
    },
    "message.closed.history_incomplete": {
        "en": "GitHub's edit history of the comment {url} by @{author} does not show its text at the closing time "
        "(a revision was deleted from the history, or it is too long). The archive keeps its text of {time} "
        "(`text_at`) and flags it (`history_incomplete`); a text written after closing never counts as an "
        "on-time application.",
        "fr": "L'historique des modifications du commentaire {url} de @{author} sur GitHub ne montre pas son texte "
        "à l'heure de clôture (une révision a été supprimée de l'historique, ou il est trop long). L'archive garde "
        "son texte du {time} (`text_at`) et le signale (`history_incomplete`); un texte écrit après la clôture "
        "ne compte jamais comme une candidature reçue à temps.",
    },
    "message.receipt.title": {"en": "Receipt", "fr": "Accusé de réception"},
    "message.receipt": {
        "en": "@{login}, your application is received: this comment counts as an application, posted before the "
        "closing time ({closes}).",
        "fr": "@{login}, votre candidature est reçue : ce commentaire compte comme une candidature, publiée avant "
        "l'heure de clôture ({closes}).",
    },
    "message.receipt.received": {"en": "Received (GitHub's time)", "fr": "Reçue (heure de GitHub)"},
    "message.receipt.text": {"en": "Text", "fr": "Texte"},
    "message.receipt.as_sent": {"en": "as sent", "fr": "tel qu'envoyé"},
    "message.receipt.as_edited": {"en": "as edited on {time}", "fr": "tel que modifié le {time}"},
    "message.receipt.at_closing": {"en": "as it stood at the closing time", "fr": "tel qu'il était à la clôture"},
    "message.receipt.sealed": {"en": "Sealed", "fr": "Scellé"},
    "message.receipt.sealed_until": {
        "en": "yes, to beacon round {round}, the first at or after the closing time: nobody can read it before "
        "then, and everyone can after",
        "fr": "oui, à la ronde {round} de la balise, la première à l'heure de clôture ou après : personne ne peut "
        "le lire avant, et tout le monde pourra le lire après",
    },
    "message.receipt.seal_problem": {
        "en": "this text will not open at the closing time: {why}. Seal your application again on the "
        "opportunity's page and put the new text in this comment before the closing time.",
        "fr": "ce texte ne s'ouvrira pas à l'heure de clôture : {why}. Scellez de nouveau votre candidature sur la "
        "page de l'occasion et mettez le nouveau texte dans ce commentaire avant l'heure de clôture.",
    },
    "message.receipt.seal_copied": {
        "en": "this is the same sealed text as the application @{login} posted at {time}: at the closing it opens "
        "as theirs, not as yours, so it will not count as your application.",
        "fr": "c'est le même texte scellé que la candidature publiée par @{login} le {time} : à la clôture, il "
        "s'ouvre comme la sienne, et non comme la vôtre; il ne comptera donc pas comme votre candidature.",
    },
    "message.receipt.seal.not-sealed": {
        "en": "it is not a whole sealed text (part of it may be missing, or something was added around it)",
        "fr": "ce n'est pas un texte scellé complet (une partie manque peut-être, ou quelque chose a été ajouté "
        "autour)",
    },
    "message.receipt.seal.another-chain": {
        "en": "it is sealed to another beacon than the marketplace's",
        "fr": "il est scellé pour une autre balise que celle du marché",
    },
    "message.receipt.seal.another-round": {
        "en": "it is sealed to round {round}, not to round {due}, the closing time's",
        "fr": "il est scellé pour la ronde {round}, et non pour la ronde {due}, celle de l'heure de clôture",
    },
    "message.receipt.sha256": {
        "en": "sha256 of the text (its UTF-8 bytes, exactly as GitHub gives them)",
        "fr": "Empreinte sha256 du texte (ses octets UTF-8, exactement comme GitHub les donne)",
    },
    "message.receipt.after": {
        "en": "Keep this receipt: it shows what you sent and when. If you edit your application before the closing "
        "time, a new receipt follows for the new text. At closing, the archive (`bids.yaml`) keeps each comment's "
        "text as it stood at the closing time and links the receipt of that text: its `sha256` is the one above "
        "unless you edit again. How to check it yourself: {guide} (Check your receipt).",
        "fr": "Gardez cet accusé de réception : il montre ce que vous avez envoyé et quand. Si vous modifiez votre "
        "candidature avant l'heure de clôture, un nouvel accusé suit pour le nouveau texte. À la clôture, "
        "l'archive (`bids.yaml`) garde le texte de chaque commentaire tel qu'il était à l'heure de clôture et "
        "renvoie à l'accusé de ce texte : son `sha256` est celui ci-dessus, sauf si vous modifiez encore votre "
        "candidature. Comment le vérifier vous-même : {guide} (Vérifier votre accusé de réception).",
    },
    "message.howto.title": {"en": "Not counted as an application", "fr": "Non comptée comme candidature"},
    "message.howto": {
        "en": "@{login}, this comment is not counted as an application: its first line is not the application "
        "line. To apply, post a new comment (not a reply) whose first line is exactly `{line}`, before the "
        "closing time, {closes}; or edit this comment so that its first line is exactly that line before then. "
        "The automation answers every comment it counts as an application with a receipt. If you only meant to "
        "ask a question, there is nothing more to do.",
        "fr": "@{login}, ce commentaire n'est pas compté comme une candidature : sa première ligne n'est pas la "
        "ligne de candidature. Pour postuler, publiez un nouveau commentaire (pas une réponse) dont la première "
        "ligne est exactement `{line}`, avant l'heure de clôture, le {closes}; ou modifiez ce commentaire pour "
        "que sa première ligne soit exactement cette ligne d'ici là. L'automatisation répond à chaque commentaire "
        "qu'elle compte comme une candidature par un accusé de réception. Si vous vouliez seulement poser une "
        "question, vous n'avez rien d'autre à faire.",
    },
    "message.committed": {
        "en": "The evaluation of every on-time application is on main (`evaluation.yaml`, digest `{evaluation}`) "
        "and is now frozen. Commitment `{commitment}` fixes it together with the bids (`{bids}`) and names round "
        "**{round}** of the drand quicknet beacon, produced at {time}: nobody, the buyer included, can know its "
        "value today. When it is out, automation fetches it, checks its signature and draws the order of the "
        "qualified applicants; the first is offered the work. How to re-check every step yourself: {method}",
        "fr": "L'évaluation de chaque candidature reçue à temps est publiée (`evaluation.yaml`, empreinte "
        "`{evaluation}`) et elle est désormais figée. L'engagement `{commitment}` la fixe avec les candidatures "
        "(`{bids}`) et désigne la ronde **{round}** de la balise drand quicknet, produite le {time} : personne, "
        "acheteur compris, ne peut connaître sa valeur aujourd'hui. Une fois la ronde publiée, l'automatisation "
        "la récupère, vérifie sa signature et tire l'ordre des candidats qualifiés; le premier se voit offrir le "
        "travail. Comment revérifier chaque étape vous-même : {method}",
    },
    "message.awarded": {
        "en": "Awarded to @{login} ({name}) for {amount}, {how}. Unsuccessful applicants may ask the contact for a "
        "debrief. Thank you to everyone who applied.",
        "fr": "Attribuée à @{login} ({name}) pour {amount}, {how}. Les candidats non retenus peuvent demander un "
        "compte rendu à la personne-ressource. Merci à tous les candidats.",
    },
    "message.how.random-draw": {
        "en": "chosen by a reproducible random draw among {count} qualified applicants (seed `{seed}`, order {order})",
        "fr": "choisi par un tirage au sort reproductible parmi {count} candidats qualifiés (germe `{seed}`, "
        "ordre {order})",
    },
    "message.how.sole-qualified": {"en": "the only qualified applicant", "fr": "seul candidat qualifié"},
    "message.offer": {
        "en": "@{login}, the work is offered to you. Answer here by {deadline} ({days} business days after the "
        "award): write **I accept** or **I decline** in a comment of your own. Your first comment after this "
        "message that clearly accepts or declines is your answer, and automation records it in `award.yaml`; "
        "a comment by anyone else, a question, or a comment that both accepts and declines does not count. "
        "Without an answer by then, the buyer may offer the work to the next in the drawn order.",
        "fr": "@{login}, le travail vous est offert. Répondez ici au plus tard le {deadline} ({days} jours "
        "ouvrables après l'attribution) : écrivez **J'accepte** ou **Je refuse** dans votre propre commentaire. "
        "Votre premier commentaire après ce message qui accepte ou refuse clairement est votre réponse, et "
        "l'automatisation l'inscrit dans `award.yaml`; le commentaire de quelqu'un d'autre, une question ou un "
        "commentaire qui accepte et refuse à la fois ne compte pas. Sans réponse à cette date, l'acheteur peut "
        "offrir le travail au suivant dans l'ordre du tirage.",
    },
    "message.answer.title": {"en": "Answer to the offer", "fr": "Réponse à l'offre"},
    "message.answer.accepted": {
        "en": "@{login} accepted the offer on {date} ({link}); automation recorded the answer in `award.yaml`. "
        "The contract goes ahead.",
        "fr": "@{login} a accepté l'offre le {date} ({link}); l'automatisation a inscrit la réponse dans "
        "`award.yaml`. Le contrat va de l'avant.",
    },
    "message.answer.declined": {
        "en": "@{login} declined the offer on {date} ({link}); automation recorded the answer in `award.yaml`. "
        "The buyer records the decline and offers the work to the next in the drawn order.",
        "fr": "@{login} a refusé l'offre le {date} ({link}); l'automatisation a inscrit la réponse dans "
        "`award.yaml`. L'acheteur consigne le refus et offre le travail au suivant dans l'ordre du tirage.",
    },
    "message.cure.title": {"en": "Cure notice", "fr": "Avis de redressement"},
    "message.cure": {
        "en": "@{login}, this is a cure notice for the contract of {opportunity}, dated {date}. Deliver the "
        "following by {deadline}:",
        "fr": "@{login}, ceci est un avis de redressement pour le contrat de {opportunity}, daté du {date}. "
        "Livrez ce qui suit au plus tard le {deadline} :",
    },
    "message.cure.after": {
        "en": "Without delivery by then, the buyer may terminate the contract; the work then goes to the next "
        "in the drawn order.",
        "fr": "Sans livraison à cette date, l'acheteur peut résilier le contrat; le travail va alors au suivant "
        "dans l'ordre du tirage.",
    },
    "message.ending.cancelled": {
        "en": "This opportunity has been cancelled. No contract will be awarded for it. Thank you for your interest.",
        "fr": "Cette occasion a été annulée. Aucun contrat ne sera attribué. Merci de votre intérêt.",
    },
    "message.ending.unsuccessful": {
        "en": "This opportunity ends without an award: no application met every evaluation criterion. "
        "Applicants may ask the contact for a debrief. Thank you to everyone who applied.",
        "fr": "Cette occasion se termine sans attribution : aucune candidature ne satisfaisait à tous les critères "
        "d'évaluation. Les candidats peuvent demander un compte rendu à la personne-ressource. Merci à tous.",
    },
    "message.eligibility.licence": {
        "en": "I license the work to the Crown under the opportunity's open-source licence.",
        "fr": "J'accorde à la Couronne une licence sur le travail selon la licence libre de l'occasion.",
    },
}


def t(key: str, lang: str, **values: object) -> str:
    """The label `key` in `lang`, with `{name}` placeholders filled from `values`."""
    return LABELS[key][lang].format(**values)
