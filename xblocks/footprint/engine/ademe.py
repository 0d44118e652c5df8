"""Per-use footprints following ADEME's open model behind impactco2.fr.

Re-implements the formulas of `@incubateur-ademe/publicodes-acv-numerique` 2.1.0 (MIT) with the
factors of our data files. Each function returns grams CO2e split into the model's five life-cycle
components, so tests can compare them one by one with the model's own results.

The model counts the manufacturing of the device inside each use (amortised per hour of use). The
yearly calculator does not add that component (devices are counted once, in their own section), but
it is computed here so the comparison with the model stays complete.
"""
from dataclasses import dataclass

USE_DEVICES = ("smartphone", "tablet", "laptop", "desktop_screen", "tv")
NETWORKS = ("fixed_fr", "mobile_fr", "fixed_eu", "mobile_eu", "fixed_fr_no_box", "fixed_eu_no_box")
MIX = "mix"  # the model's "moyenne": a typical mix of devices for that use
HOURS_PER_DAY = 24
DAYS_PER_YEAR = 365


@dataclass(frozen=True)
class UseFootprint:
    """Grams CO2e of one use, by life-cycle component."""
    device_construction: float = 0.0
    device_use: float = 0.0
    transmission: float = 0.0
    datacentre_construction: float = 0.0
    datacentre_use: float = 0.0

    @property
    def total(self):
        return (self.device_construction + self.device_use + self.transmission
                + self.datacentre_construction + self.datacentre_use)

    @property
    def without_device_construction(self):
        return self.total - self.device_construction

    def scaled(self, factor):
        return UseFootprint(*(getattr(self, name) * factor for name in COMPONENTS))

    def as_dict(self):
        data = {name: getattr(self, name) for name in COMPONENTS}
        data["total"] = self.total
        return data


COMPONENTS = ("device_construction", "device_use", "transmission", "datacentre_construction",
              "datacentre_use")


def device_build_g(f, device):
    """Manufacturing + distribution + end of life of one device, grams CO2e."""
    if device == "desktop_screen":
        return device_build_g(f, "desktop") + device_build_g(f, "monitor")
    prefix = f"device.{device}."
    return f[prefix + "manufacturing"] + f[prefix + "distribution"] + f[prefix + "end_of_life"]


def _lifetime(f, device):
    if device == "desktop_screen":
        return (f["device.desktop.lifetime"] + f["device.monitor.lifetime"]) / 2
    return f[f"device.{device}.lifetime"]


def _daily_hours(f, device):
    if device == "desktop_screen":
        return (f["device.desktop.daily_hours"] + f["device.monitor.daily_hours"]) / 2
    return f[f"device.{device}.daily_hours"]


def _active_power(f, device):
    if device == "desktop_screen":
        return f["device.desktop.active_power"] + f["device.monitor.active_power"]
    return f[f"device.{device}.active_power"]


def _device_weights(f, device, mix_name):
    if device == MIX:
        return {name: f[f"mix.{mix_name}.{name}"] for name in USE_DEVICES}
    if device not in USE_DEVICES:
        raise ValueError(f"unknown device {device!r}")
    return {device: 1.0}


def device_components(f, device, mix_name, hours, grid):
    """Device construction amortised over its hours of use, and its electricity, for `hours`."""
    construction = use = 0.0
    for name, weight in _device_weights(f, device, mix_name).items():
        hours_of_life = DAYS_PER_YEAR * _lifetime(f, name) * _daily_hours(f, name)
        construction += weight * device_build_g(f, name) * hours / hours_of_life
        use += weight * _active_power(f, name) * hours / 1000 * grid
    return construction, use


def transmission_g(f, network, gigabytes):
    if network not in NETWORKS:
        raise ValueError(f"unknown network {network!r}")
    return gigabytes * f[f"network.{network}"]


def datacentre_construction_g(f, server_share, storage_share=0.0):
    """Share of a data centre's equipment built for this use (the model's allocation factors)."""
    server = f["server.build"] + f["firewall.per_server"] * f["firewall.build"]
    server += f["switch.per_server"] * f["switch.build"] + f["router.per_server"] * f["router.build"]
    support_share = f["support.m2_per_server"] * server_share * f["server.lifetime"] / f["support.lifetime"]
    return (server_share * server + support_share * f["support.build_per_m2"]
            + storage_share * f["storage.build"])


def _streaming_viewing_hours(f):
    return f["streaming.viewing_hours_per_day"] * DAYS_PER_YEAR * f["streaming.viewers"]


def streaming_electricity_kwh_per_gb(f):
    electricity_mwh = f["streaming.electricity_direct"] + f["streaming.electricity_indirect"]
    gigabytes = _streaming_viewing_hours(f) * f["streaming.gb_per_viewing_hour"]
    return electricity_mwh * 1000 / gigabytes


def _streaming_servers(f):
    electricity_mwh = f["streaming.electricity_direct"] + f["streaming.electricity_indirect"]
    power_w = electricity_mwh / f["server.pue_streaming"] * 1e6 / DAYS_PER_YEAR / HOURS_PER_DAY
    return power_w / f["server.power"]


def streaming_server_share_per_hour(f):
    return _streaming_servers(f) / _streaming_viewing_hours(f) / f["server.lifetime"]


def video_gb_per_hour(f, quality):
    return f[f"video.gb_per_hour.{quality}"]


def streaming(f, minutes, quality="hd", device=MIX, network="fixed_fr", grid=None):
    """Watching a video for `minutes` (one viewer)."""
    grid = f["grid.FR"] if grid is None else grid
    hours = minutes / 60
    gigabytes = hours * video_gb_per_hour(f, quality)
    construction, use = device_components(f, device, "streaming", hours, grid)
    return UseFootprint(
        device_construction=construction, device_use=use,
        transmission=transmission_g(f, network, gigabytes),
        datacentre_construction=datacentre_construction_g(f, streaming_server_share_per_hour(f) * hours),
        datacentre_use=gigabytes * streaming_electricity_kwh_per_gb(f) * grid,
    )


def video_call(f, minutes, quality="sd", device=MIX, network="fixed_fr", seats=2, grid=None):
    """A video call of `minutes` with `seats` connected devices (the model counts all of them)."""
    grid = f["grid.FR"] if grid is None else grid
    hours = minutes / 60
    gigabytes = hours * video_gb_per_hour(f, quality)
    construction, use = device_components(f, device, "video_call", seats * hours, grid)
    return UseFootprint(
        device_construction=construction, device_use=use,
        transmission=transmission_g(f, network, seats * gigabytes),
        datacentre_construction=datacentre_construction_g(f, streaming_server_share_per_hour(f) * hours),
        datacentre_use=gigabytes * streaming_electricity_kwh_per_gb(f) * grid,
    )


def file_transfer(f, gigabytes, network="fixed_fr", grid=None):
    """Downloading `gigabytes` (no device part in the model)."""
    grid = f["grid.FR"] if grid is None else grid
    total_gb = _streaming_viewing_hours(f) * f["streaming.gb_per_viewing_hour"]
    server_share = _streaming_servers(f) / total_gb / f["server.lifetime"] * gigabytes
    return UseFootprint(
        transmission=transmission_g(f, network, gigabytes),
        datacentre_construction=datacentre_construction_g(f, server_share),
        datacentre_use=gigabytes * streaming_electricity_kwh_per_gb(f) * grid,
    )


def _email_datacentre(f, size_mb, recipients, grid):
    storage_capacity = f["server.capacity"] * f["email.storage_fill_rate"]
    server_share = 1 / (f["server.power"] / f["server.power_per_mail_user"]
                        * f["email.mails_per_person_day"] * DAYS_PER_YEAR * f["server.lifetime"])
    storage_ratio = f["email.storage_years"] / (storage_capacity * f["server.lifetime"])
    sender_storage = size_mb * f["email.copies_sender"] * storage_ratio
    recipient_storage = size_mb * f["email.copies_recipient"] * recipients * storage_ratio
    construction = (datacentre_construction_g(f, server_share, sender_storage)
                    + datacentre_construction_g(f, server_share, recipient_storage))
    server_wh = f["server.power_per_mail_user"] * HOURS_PER_DAY / f["email.mails_per_person_day"]
    storage_wh = (size_mb * f["email.copies_sender"] / storage_capacity * f["storage.active_power"]
                  * HOURS_PER_DAY * DAYS_PER_YEAR * f["email.storage_years"])
    sender_use = (server_wh + storage_wh) * f["server.pue_mail"] / 1000 * grid
    return construction, sender_use * (1 + recipients)


def email(f, size_mb=1.0, recipients=1, device=MIX, network="fixed_fr", grid=None):
    """Writing, sending, reading and storing one e-mail."""
    grid = f["grid.FR"] if grid is None else grid
    hours = (f["email.writing_minutes"] + recipients * f["email.reading_minutes"]) / 60
    construction, use = device_components(f, device, "office", hours, grid)
    size_gb = size_mb / 1024
    backups = 1 + f["email.copies_sender"] + f["email.copies_recipient"]
    transmission = (transmission_g(f, network, size_gb) + transmission_g(f, network, recipients * size_gb)
                    + recipients * size_gb * f["network.fixed_fr_no_box"] * backups)
    dc_construction, dc_use = _email_datacentre(f, size_mb, recipients, grid)
    return UseFootprint(construction, use, transmission, dc_construction, dc_use)


def web_search(f, device=MIX, network="fixed_fr", grid=None):
    """Typing one web search and reading one page of results."""
    grid = f["grid.FR"] if grid is None else grid
    hours = (f["search.typing_minutes"] + f["search.reading_minutes"] * f["search.pages_read"]) / 60
    construction, use = device_components(f, device, "office", hours, grid)
    request_mb = f["search.request_kb"] / 1024
    page_mb = f["search.page_kb"] / 1024
    gigabytes = (request_mb + f["search.pages_read"] * page_mb) / 1024
    server_share = (request_mb + page_mb) / f["search.server_allocation_mb"]
    server_life_kwh = f["server.active_power"] * HOURS_PER_DAY * DAYS_PER_YEAR / 1000 * f["server.lifetime"]
    return UseFootprint(
        device_construction=construction, device_use=use,
        transmission=transmission_g(f, network, gigabytes),
        datacentre_construction=datacentre_construction_g(f, server_share),
        datacentre_use=server_life_kwh * server_share * 1000 * grid,
    )
