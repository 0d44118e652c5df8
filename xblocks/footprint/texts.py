"""Learner-facing words of the footprint block that are not in the engine (English, marked N_)."""
from xblocks.common.i18n import N_

from .engine.scenarios import SCENARIOS

CATEGORY_LABELS = {
    "devices": N_("Your devices"),
    "video": N_("Videos"),
    "calls": N_("Video calls"),
    "emails": N_("E-mails"),
    "web": N_("Web searches"),
    "cloud": N_("Cloud storage"),
    "mobile": N_("Other mobile data"),
    "social": N_("Social media"),
    "ai": N_("AI chatbots"),
    "team_devices": N_("Your team's devices"),
    "website": N_("Your website"),
    "business_cloud": N_("Business cloud and calls"),
}
BIGGEST_SENTENCES = {
    "devices": N_("Making your devices causes most of your footprint: keeping them longer or buying refurbished helps most."),
    "video": N_("Watching videos is your biggest source: the network and data centres work for every hour you watch."),
    "calls": N_("Video calls are your biggest source: the picture from your camera is what weighs the most."),
    "emails": N_("E-mails are your biggest source: each one is stored for years on several servers."),
    "web": N_("Web searches are your biggest source: each search uses your device, the network and a data centre."),
    "cloud": N_("Cloud storage is your biggest source: your files are kept on servers that run day and night."),
    "mobile": N_("Mobile data is your biggest source: mobile networks use more energy per gigabyte than Wi-Fi."),
    "social": N_("Social media is your biggest source: scrolling loads videos and pictures all the time."),
    "ai": N_("AI chatbots are your biggest source: each answer is computed in a large data centre."),
    "team_devices": N_("Your team's devices are the biggest source: making computers and phones emits a lot."),
    "website": N_("Your website is the biggest source: every visit moves data from the server to the visitor."),
    "business_cloud": N_("Your business's cloud and calls are the biggest source."),
}
COUNTRY_LABELS = {"BE": N_("Belgium"), "FR": N_("France"), "EU": N_("Another EU country"),
                  "WORLD": N_("Another country")}
HOSTING_LABELS = {"BEL": N_("Belgium"), "FRA": N_("France"), "DEU": N_("Germany"), "NLD": N_("Netherlands"),
                  "LUX": N_("Luxembourg"), "IRL": N_("Ireland"), "GBR": N_("United Kingdom"),
                  "USA": N_("United States"), "EU": N_("Another EU country"), "WORLD": N_("I do not know")}
QUALITY_LABELS = {"audio": N_("Camera off (sound only)"), "sd": N_("Standard (SD)"), "hd": N_("High (HD)"),
                  "uhd": N_("Very high (4K)")}
VIDEO_DEVICE_LABELS = {"mix": N_("A mix of devices"), "smartphone": N_("Smartphone"), "tablet": N_("Tablet"),
                       "laptop": N_("Laptop"), "desktop_screen": N_("Desktop computer and monitor"),
                       "tv": N_("Television")}
NETWORK_LABELS = {"fixed": N_("Wi-Fi or cable at home"), "mobile": N_("Mobile data (4G/5G)")}
SECTION_LABELS = {
    "devices": N_("Devices"), "video": N_("Videos"), "calls": N_("Video calls"), "emails": N_("E-mails"),
    "web": N_("Web searches"), "cloud": N_("Cloud storage"), "mobile": N_("Mobile data"),
    "social": N_("Social media"), "ai": N_("AI chatbots"), "business": N_("Your business"),
}
SCENARIO_TITLES = {key: title for key, title, _change, _section in SCENARIOS}

# Strings the learner view's JavaScript shows; passed translated in its init arguments.
JS_STRINGS = (
    N_("%(value)s kg CO2e per year"),
    N_("Between %(low)s and %(high)s kg"),
    N_("%(value)s kg (%(share)s %%)"),
    N_("Saves %(saved)s kg a year: new total %(total)s kg"),
    N_("With the changes you chose: %(total)s kg CO2e per year"),
    N_("About %(value)s km by car"),
    N_("About %(value)s phone charges"),
    N_("Your web page: %(grams)s g CO2e per visit, rating %(rating)s, %(kg)s kg a year"),
    N_("Your footprint is %(value)s kg CO2e per year."),
    N_("Result saved."),
    N_("Your answers are kept."),
    N_("No connection. Your answers are kept on this page; try again."),
    N_("Step %(current)s of %(count)s"),
    N_("No saved result yet."),
    N_("%(date)s: %(value)s kg CO2e per year"),
    N_("Please correct: %(message)s"),
    N_("Page weight: %(mb)s MB, %(requests)s requests. We filled in the page weight."),
    # Trainer's part (footprint_staff.js)
    N_("Learners who saved a result: %(count)s"),
    N_("The group's results appear once %(count)s learners have saved one, so that nobody can be recognised."),
    N_("Category"), N_("First quartile"), N_("Median"), N_("Third quartile"), N_("Total"),
    N_("%(reduction)s: %(count)s learners"),
    N_("Reductions chosen most often"),
)
