## Structure de page : lien d’évitement, en-tête, navigation, pied de page.

common-skip-to-content = Aller au contenu principal
common-nav-label = Navigation principale
common-nav-dashboard = Tableau de bord
common-nav-tickets = Tickets
common-nav-profile = Profil
common-nav-company = Entreprise
common-nav-projects = Projets
common-nav-billing = Facturation
common-signed-in-as = Connecté en tant que
common-sign-out = Se déconnecter
common-footer-help = Besoin d’aide ? Contactez votre prestataire.

## Dates et heures : un instant dans le fuseau horaire du lecteur, avec l’abréviation du fuseau.

common-datetime-zone = { $datetime } { $zone }

common-display-label = Préférences d’affichage
common-display-theme = Apparence
common-display-theme-auto = Automatique
common-display-theme-light = Claire
common-display-theme-dark = Sombre
common-display-language = Langue
common-display-apply = Appliquer
