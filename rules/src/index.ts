/** @nowcast/rules: analytics.yaml → Prometheus recording/alerting rules and Alertmanager config. */
export {};
