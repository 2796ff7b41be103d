// Command broen runs Broen: the web server, migrations and demo data.
package main

import (
	"fmt"
	"os"
)

func main() {
	if err := run(os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "broen:", err)
		os.Exit(1)
	}
}
