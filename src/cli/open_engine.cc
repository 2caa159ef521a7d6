#include "cli/open_engine.h"

namespace continuum {

void AddTariffOptions(CLI::App& app, TariffArgs* args) {
  app.add_option("--tariff", args->tariffs,
                 "Tariff file pricing events without a recorded cost: Continuum's tariff format "
                 "or a National Cost Collection ncc.csv; repeat to layer (the first wins), "
                 "'default' for the built-in tariff. Default: the workspace's tariff in force "
                 "(continuum tariff add) over the built-in tariff");
  app.add_flag("--reprice", args->reprice,
               "Price every event at the tariff, ignoring recorded costs");
}

void AddIcoOption(CLI::App& app, std::string* ico, const std::string& without) {
  app.add_option("--ico", *ico,
                 "Only this ICO's member practices (by its org_id); without it, " + without);
}

}  // namespace continuum
