# Charts the series spc_agreement_test.py writes with the NHSRplotthedots package itself, so that
# the numpy restatement in that test can be checked against the real thing (docs/statistics.md).
# Needs R with dplyr, rlang, tidyselect, assertthat and stringr (Debian: r-base-core, r-cran-dplyr,
# r-cran-assertthat, r-cran-stringr) and a checkout of NHSRplotthedots at its tag 0.2.2; the
# package's R files are sourced from that checkout, not copied here.
#
#   Rscript spc_nhsr_check.R NHSRPLOTTHEDOTS_DIR series.csv rebase.csv FIX_AFTER out.csv
#   (FIX_AFTER 0 for limits from every point)
args <- commandArgs(trailingOnly = TRUE)
suppressPackageStartupMessages({
  library(dplyr)
  library(rlang)
})
# NHSRplotthedots 0.2.2 gives case_when() a `.default`, which dplyr has taken only from 1.1.0;
# Debian 12 has 1.0.10, so an older dplyr is given the same meaning: a last case that is always true.
if (packageVersion("dplyr") < "1.1.0") {
  original_case_when <- dplyr::case_when
  case_when_with_default <- function(..., .default = NULL) {
    if (is.null(.default)) return(original_case_when(...))
    default <- .default
    original_case_when(..., TRUE ~ default)
  }
  assignInNamespace("case_when", case_when_with_default, "dplyr")
}
for (f in c("ZZZ.R", "to_datetime.R", "ptd_rebase.R", "ptd_target.R", "ptd_spc_options.R",
            "ptd_validate_spc_options.R", "ptd_add_rebase_column.R", "ptd_spc_standard.R",
            "ptd_calculate_point_type.R", "ptd_add_short_group_warnings.R",
            "ptd_add_target_column.R", "ptd_spc.R")) {
  source(file.path(args[[1]], "R", f))
}
series <- read.csv(args[[2]], colClasses = c("character", "character", "numeric", "character"))
series$date <- as.Date(series$date)
rebase <- read.csv(args[[3]], colClasses = c("character", "character"))
fix_after <- as.numeric(args[[4]])
out <- list()
for (direction in unique(series$improvement_direction)) {
  part <- series[series$improvement_direction == direction, ]
  r <- rebase[rebase$series_id %in% part$series_id, ]
  rebase_list <- if (nrow(r) == 0) NULL else
    setNames(lapply(r$series_id, function(s) as.Date(r$rebase_date[r$series_id == s])), r$series_id)
  rebase_list <- rebase_list[!duplicated(names(rebase_list))]
  chart <- suppressWarnings(ptd_spc(
    part, value_field = "value", date_field = "date", facet_field = "series_id",
    rebase = if (is.null(rebase_list)) ptd_rebase() else rebase_list,
    fix_after_n_points = if (fix_after == 0) NULL else fix_after,
    improvement_direction = direction))
  out[[direction]] <- data.frame(
    series_id = chart$f, date = format(as.Date(chart$x)), value = chart$y,
    mean = chart$mean_col, lower_limit = chart$lpl, upper_limit = chart$upl,
    special_cause_type = chart$special_cause_type, point_type = chart$point_type)
}
write.csv(do.call(rbind, out), args[[5]], row.names = FALSE)
