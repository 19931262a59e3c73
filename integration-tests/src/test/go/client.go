// The specification's Go client ("Avec l'API Go"), as written there, with the types it names and a main
// that runs one round of its StartMonitoring loop against the URL given. AlertsIT runs it against the
// agent while alerts are active: clients that decode only the specification's fields keep working.
package main

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"
	"time"
)

type HealthClient struct {
	baseURL    string
	httpClient *http.Client
}

type HealthThreshold struct {
	MaxResponseTimeMs      uint64  `json:"max_response_time_ms"`
	MaxFailureRate         float32 `json:"max_failure_rate"`
	MaxConsecutiveFailures uint32  `json:"max_consecutive_failures"`
}

type HealthCheck struct {
	Name         string          `json:"name"`
	Status       string          `json:"status"`
	Message      string          `json:"message"`
	DurationMs   uint64          `json:"duration_ms"`
	LastSuccess  *int64          `json:"last_success"`
	LastFailure  *int64          `json:"last_failure"`
	FailureCount uint32          `json:"failure_count"`
	Threshold    HealthThreshold `json:"threshold"`
}

type ResponseTimeMetrics struct {
	P50Ms     float64 `json:"p50_ms"`
	P95Ms     float64 `json:"p95_ms"`
	P99Ms     float64 `json:"p99_ms"`
	AverageMs float64 `json:"average_ms"`
}

type ErrorRateMetrics struct {
	Rate1Min       float32 `json:"rate_1min"`
	Rate5Min       float32 `json:"rate_5min"`
	Rate15Min      float32 `json:"rate_15min"`
	TotalErrors24h uint64  `json:"total_errors_24h"`
}

type PerformanceMetrics struct {
	CPUUsagePercent    float32             `json:"cpu_usage_percent"`
	MemoryUsageMb      uint64              `json:"memory_usage_mb"`
	MemoryUsagePercent float32             `json:"memory_usage_percent"`
	DiskUsagePercent   float32             `json:"disk_usage_percent"`
	NetworkConnections uint32              `json:"network_connections"`
	ResponseTimes      ResponseTimeMetrics `json:"response_times"`
	ErrorRates         ErrorRateMetrics    `json:"error_rates"`
}

type HealthAlert struct {
	ID        string `json:"id"`
	Severity  string `json:"severity"`
	Message   string `json:"message"`
	Component string `json:"component"`
	Timestamp int64  `json:"timestamp"`
	Resolved  bool   `json:"resolved"`
}

type HealthStatus struct {
	Status        string                 `json:"status"`
	Timestamp     int64                  `json:"timestamp"`
	Service       string                 `json:"service"`
	Version       string                 `json:"version"`
	UptimeSeconds int64                  `json:"uptime_seconds"`
	Checks        map[string]HealthCheck `json:"checks"`
	Performance   PerformanceMetrics     `json:"performance"`
	Alerts        []HealthAlert          `json:"alerts"`
}

func (c *HealthClient) GetHealthStatus() (*HealthStatus, error) {
	resp, err := c.httpClient.Get(fmt.Sprintf("%s/health/detailed", c.baseURL))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()

	var health HealthStatus
	if err := json.NewDecoder(resp.Body).Decode(&health); err != nil {
		return nil, err
	}

	return &health, nil
}

func (c *HealthClient) IsHealthy() bool {
	resp, err := c.httpClient.Get(fmt.Sprintf("%s/health", c.baseURL))
	if err != nil {
		return false
	}
	defer resp.Body.Close()

	return resp.StatusCode == http.StatusOK
}

// One round of the specification's StartMonitoring loop; exits 1 when the body does not decode.
func main() {
	log.SetFlags(0)
	log.SetOutput(os.Stdout)
	c := &HealthClient{baseURL: os.Args[1], httpClient: &http.Client{Timeout: 10 * time.Second}}
	health, err := c.GetHealthStatus()
	if err != nil {
		log.Printf("Erreur health check: %v", err)
		os.Exit(1)
	}
	for _, alert := range health.Alerts {
		if alert.Severity == "Critical" || alert.Severity == "Emergency" {
			log.Printf("ALERT [%s]: %s - %s", alert.Severity, alert.Component, alert.Message)
		}
	}
	if health.Performance.CPUUsagePercent > 80 {
		log.Printf("WARNING: CPU usage élevé: %.1f%%", health.Performance.CPUUsagePercent)
	}
	fmt.Printf("status=%s service=%s checks=%d alerts=%d errors24h=%d healthy=%v\n", health.Status, health.Service,
		len(health.Checks), len(health.Alerts), health.Performance.ErrorRates.TotalErrors24h, c.IsHealthy())
}
