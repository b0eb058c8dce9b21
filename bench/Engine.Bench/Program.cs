Console.WriteLine("engine bench: issue 2");
